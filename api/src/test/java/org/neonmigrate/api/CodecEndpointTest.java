package org.neonmigrate.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.common.converter.DataConverter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neonmigrate.workflows.codec.EncryptionKeys;
import org.neonmigrate.workflows.codec.PayloadProtection;

/** The codec server: Temporal's remote codec protocol, for readers only, CORS for the Web UI. */
@MicronautTest(environments = ApiApplication.ENVIRONMENT)
class CodecEndpointTest extends ApiTestBase {

  private static final String OLD_KEY = EncryptionKeys.generateEntry("test-2026-01");
  private static final String KEY = EncryptionKeys.generateEntry("test-2026-07");
  private static final String WEB_UI = "http://127.0.0.1:8233";
  private static final Map<String, String> MEMBER =
      Map.of("email", "dana@fabrikam.example", "orgName", "Fabrikam Research");

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(super.getProperties());
    properties.put(EncryptionKeys.KEYS_PROPERTY, KEY + "," + OLD_KEY);
    properties.put("neonmigrate.codec.web-ui-origin", WEB_UI);
    return properties;
  }

  /** What a worker that still had only the old key wrote. */
  private static Payload writtenBeforeRotation(Object value) {
    DataConverter worker = PayloadProtection.encrypted(EncryptionKeys.of(OLD_KEY)).dataConverter();
    return worker.toPayload(value).orElseThrow();
  }

  private static String body(Payload... payloads) throws Exception {
    return JsonFormat.printer()
        .print(Payloads.newBuilder().addAllPayloads(java.util.List.of(payloads)));
  }

  private static Payloads parse(String json) throws Exception {
    Payloads.Builder builder = Payloads.newBuilder();
    JsonFormat.parser().merge(json, builder);
    return builder.build();
  }

  private Http.Answer call(String path, String json, String token) {
    return http.send(
        HttpRequest.POST(path, json)
            .contentType(MediaType.APPLICATION_JSON)
            .header("X-Namespace", "default"),
        token);
  }

  @Test
  void aViewerGetsTheJsonBackOfAPayloadEncryptedBeforeARotation() throws Exception {
    Payload encrypted = writtenBeforeRotation(MEMBER);
    assertThat(encrypted.getData().toStringUtf8()).doesNotContain("fabrikam");

    Http.Answer answer = call("/codec/decode", body(encrypted), Http.VIEWER);

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    Payload decoded = parse(answer.body()).getPayloads(0);
    assertThat(decoded.getMetadataMap().get("encoding").toStringUtf8()).isEqualTo("json/plain");
    assertThat(decoded.getData().toStringUtf8())
        .contains("dana@fabrikam.example")
        .contains("Fabrikam Research");
  }

  @Test
  void encodingUsesTheActiveKeyAndDecodingRestoresThePayload() throws Exception {
    Payload plain = PayloadProtection.none().dataConverter().toPayload(MEMBER).orElseThrow();

    Http.Answer encoded = call("/codec/encode", body(plain), Http.OPERATOR);
    assertThat(encoded.status()).as(encoded.body()).isEqualTo(200);
    Payload encrypted = parse(encoded.body()).getPayloads(0);
    assertThat(encrypted.getMetadataMap().get("encryption-key-id").toStringUtf8())
        .isEqualTo("test-2026-07");
    assertThat(encrypted.getData().toStringUtf8()).doesNotContain("fabrikam");

    Http.Answer decoded = call("/codec/decode", body(encrypted), Http.APPROVER);
    assertThat(parse(decoded.body()).getPayloads(0)).isEqualTo(plain);
  }

  @Test
  void aPlainPayloadPassesThrough() throws Exception {
    Payload plain = PayloadProtection.none().dataConverter().toPayload(MEMBER).orElseThrow();
    Http.Answer answer = call("/codec/decode", body(plain), Http.VIEWER);
    assertThat(parse(answer.body()).getPayloads(0)).isEqualTo(plain);
  }

  @Test
  void decodingNeedsAReadingToken() throws Exception {
    String json = body(writtenBeforeRotation(MEMBER));
    call("/codec/decode", json, null).assertProblem(401, "Bearer");
    call("/codec/decode", json, "not-a-configured-token").assertProblem(401);
    call("/codec/encode", json, null).assertProblem(401);
  }

  @Test
  void aBodyThatIsNotPayloadsIs400() {
    call("/codec/decode", "{\"payloads\": ", Http.VIEWER).assertProblem(400, "Payloads");
    call("/codec/decode", "{\"payloads\": \"x\"}", Http.VIEWER).assertProblem(400, "Payloads");
    call("/codec/decode", "{\"items\": []}", Http.VIEWER).assertProblem(400, "Payloads");
    call("/codec/decode", "{\"payloads\": [{\"data\": \"not base64!\"}]}", Http.VIEWER)
        .assertProblem(400, "Payloads");
    call("/codec/decode", "", Http.VIEWER).assertProblem(400);
  }

  @Test
  void aPayloadOfAnUnknownKeyOrAnotherNamespaceIs400() throws Exception {
    Payload foreign =
        PayloadProtection.encrypted(EncryptionKeys.of(EncryptionKeys.generateEntry("elsewhere")))
            .dataConverter()
            .toPayload(MEMBER)
            .orElseThrow();
    call("/codec/decode", body(foreign), Http.VIEWER)
        .assertProblem(400, "key id 'elsewhere', which is not configured");
    http.send(
            HttpRequest.POST("/codec/decode", body(foreign))
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Namespace", "payments"),
            Http.VIEWER)
        .assertProblem(400, "namespace 'default', not 'payments'");
  }

  @Test
  void theConfiguredWebUiOriginAloneMayCallFromABrowser() {
    Http.Answer allowed = preflight(WEB_UI);
    assertThat(allowed.status()).isEqualTo(200);
    assertThat(allowed.response().getHeaders().get("Access-Control-Allow-Origin"))
        .isEqualTo(WEB_UI);
    assertThat(allowed.response().getHeaders().get("Access-Control-Allow-Credentials"))
        .isEqualTo("true");

    // no CORS answer for another origin, so its browser refuses the call
    Http.Answer other = preflight("http://127.0.0.1:9999");
    assertThat(other.status()).isNotEqualTo(200);
    assertThat(other.response().getHeaders().get("Access-Control-Allow-Origin")).isNull();
  }

  private Http.Answer preflight(String origin) {
    return http.send(
        HttpRequest.OPTIONS("/codec/decode")
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type,x-namespace"),
        null);
  }

  @Test
  void aBrowserSignedInWithAViewerTokenDecodesByCookieButTheCookieOpensNothingElse()
      throws Exception {
    Http.Answer refused = signIn("not-a-configured-token");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.response().getHeaders().get("Set-Cookie")).isNull();

    Http.Answer signedIn = signIn(Http.VIEWER);
    assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
    String setCookie = signedIn.response().getHeaders().get("Set-Cookie");
    assertThat(setCookie)
        .startsWith("neonmigrate_codec=" + Http.VIEWER)
        .contains("Path=/codec/")
        .contains("HTTPOnly")
        .contains("SameSite=Strict");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));

    Http.Answer decoded =
        http.send(
            HttpRequest.POST("/codec/decode", body(writtenBeforeRotation(MEMBER)))
                .contentType(MediaType.APPLICATION_JSON)
                .header("Cookie", cookie),
            null);
    assertThat(decoded.status()).as(decoded.body()).isEqualTo(200);
    assertThat(decoded.body()).doesNotContain("binary/encrypted");

    http.send(HttpRequest.GET("/migrations").header("Cookie", cookie), null).assertProblem(401);
  }

  private Http.Answer signIn(String token) {
    return http.send(
        HttpRequest.POST("/codec/session", "token=" + token)
            .contentType(MediaType.APPLICATION_FORM_URLENCODED),
        null);
  }
}
