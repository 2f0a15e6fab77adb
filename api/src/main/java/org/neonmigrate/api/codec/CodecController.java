package org.neonmigrate.api.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.api.problem.Problems;
import org.neonmigrate.api.security.Roles;
import org.neonmigrate.api.temporal.TemporalSettings;
import org.neonmigrate.workflows.codec.PayloadProtection;

/**
 * Temporal's remote codec protocol, for the Web UI and {@code temporal --codec-endpoint}: the
 * payloads of a {@code Payloads} message in proto3 JSON, decoded or encoded with the payload codec
 * the worker uses. Any reading role may decode; that is what reading a run's input through this API
 * allows already.
 */
@Controller("/codec")
@Requires(env = ApiApplication.ENVIRONMENT)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "codec")
public class CodecController {

  static final String NAMESPACE_HEADER = "X-Namespace";
  static final String DECODE = "/codec/decode";
  static final String ENCODE = "/codec/encode";

  private static final JsonFormat.Parser PARSER = JsonFormat.parser();
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().omittingInsignificantWhitespace();

  private static final Pattern JAVA_EXCEPTION_PREFIX =
      Pattern.compile("(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ");

  private final PayloadCodec codec;
  private final String namespace;

  public CodecController(PayloadProtection protection, TemporalSettings settings) {
    this.codec = protection.codec();
    this.namespace = settings.namespace();
  }

  /** The two codec calls, which alone accept the codec session cookie. */
  public static boolean isCodecCall(HttpRequest<?> request) {
    String path = request.getPath();
    return DECODE.equals(path) || ENCODE.equals(path);
  }

  @Operation(
      summary = "Decode payloads (Temporal remote codec protocol)",
      description =
          "Body and answer are a Temporal Payloads message in proto3 JSON:"
              + " {\"payloads\":[{\"metadata\":{\"encoding\":\"<base64>\"},\"data\":\"<base64>\"}]}."
              + " Payloads that are not encrypted come back unchanged.")
  @ApiResponse(responseCode = "200", description = "the decoded payloads, in the same order")
  @ApiResponse(responseCode = "400", description = "not a Payloads message, or undecodable")
  @Post(
      value = "/decode",
      consumes = MediaType.APPLICATION_JSON,
      produces = MediaType.APPLICATION_JSON)
  @Secured({Roles.VIEWER, Roles.OPERATOR, Roles.APPROVER})
  public String decode(@Body String body, @Header(NAMESPACE_HEADER) @Nullable String namespace) {
    return apply(body, namespace, codec::decode);
  }

  @Operation(
      summary = "Encode payloads (Temporal remote codec protocol)",
      description = "The inverse of /codec/decode, with the active key.")
  @ApiResponse(responseCode = "200", description = "the encoded payloads, in the same order")
  @ApiResponse(responseCode = "400", description = "not a Payloads message")
  @Post(
      value = "/encode",
      consumes = MediaType.APPLICATION_JSON,
      produces = MediaType.APPLICATION_JSON)
  @Secured({Roles.VIEWER, Roles.OPERATOR, Roles.APPROVER})
  public String encode(@Body String body, @Header(NAMESPACE_HEADER) @Nullable String namespace) {
    return apply(body, namespace, codec::encode);
  }

  /** The parser's complaint without the Java exception names it is wrapped in. */
  private static String reason(Exception e) {
    String message = e.getMessage() == null ? "unreadable JSON" : e.getMessage();
    return JAVA_EXCEPTION_PREFIX.matcher(message).replaceAll("");
  }

  private String apply(String body, @Nullable String requested, UnaryOperator<List<Payload>> step) {
    if (requested != null && !requested.isBlank() && !requested.equals(namespace)) {
      throw Problems.of(
          HttpStatus.BAD_REQUEST,
          "codec-namespace",
          "Namespace not served",
          "This codec serves Temporal namespace '%s', not '%s' (the X-Namespace header)."
              .formatted(namespace, requested));
    }
    Payloads.Builder payloads = Payloads.newBuilder();
    try {
      if (body == null || body.isBlank()) {
        throw new InvalidProtocolBufferException("the body is empty");
      }
      PARSER.merge(body, payloads);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw Problems.badRequest(
          "The body must be a Temporal Payloads message in proto3 JSON,"
              + " {\"payloads\":[{\"metadata\":{...},\"data\":\"<base64>\"}]}: "
              + reason(e));
    }
    List<Payload> result;
    try {
      result = step.apply(payloads.getPayloadsList());
    } catch (PayloadCodecException e) {
      throw Problems.of(
          HttpStatus.BAD_REQUEST,
          "undecodable-payload",
          "Payload cannot be decoded",
          e.getMessage());
    }
    try {
      return PRINTER.print(Payloads.newBuilder().addAllPayloads(result).build());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a Payloads message always prints as JSON", e);
    }
  }
}
