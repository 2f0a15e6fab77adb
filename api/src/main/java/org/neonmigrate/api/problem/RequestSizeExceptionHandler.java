package org.neonmigrate.api.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.problem.ThrowableProblemHandler;
import jakarta.inject.Singleton;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.api.ApiSettings;
import org.neonmigrate.api.codec.CodecController;

/**
 * 413 naming the limit that applied: {@code micronaut.server.max-request-size} for batch starts,
 * {@code neonmigrate.api.max-body-bytes} for everything else (see {@code BodySizeLimit}), with or
 * without a Content-Length.
 */
@Singleton
@Requires(env = ApiApplication.ENVIRONMENT)
@Replaces(ContentLengthExceededHandler.class)
public class RequestSizeExceptionHandler
    implements ExceptionHandler<ContentLengthExceededException, HttpResponse<?>> {

  private final ThrowableProblemHandler problems;
  private final long maxBatchBytes;
  private final long maxBodyBytes;

  public RequestSizeExceptionHandler(
      ThrowableProblemHandler problems, HttpServerConfiguration server, ApiSettings settings) {
    this.problems = problems;
    this.maxBatchBytes = server.getMaxRequestSize();
    this.maxBodyBytes = Math.min(settings.maxBodyBytes(), server.getMaxRequestSize());
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, ContentLengthExceededException exception) {
    String detail =
        BodySizeLimit.isBatchStart(request)
            ? ("The body is larger than the limit of POST /batches, %s; 50,000 migrations (the"
                    + " most a batch takes) are about 15 MB of JSON.")
                .formatted(size(maxBatchBytes))
            : CodecController.isCodecCall(request)
                ? "The body is larger than the codec's limit, %s.".formatted(size(maxBatchBytes))
                : ("The body is larger than the limit of this endpoint, %s; its bodies are a few"
                        + " hundred bytes.")
                    .formatted(size(maxBodyBytes));
    return problems.handle(
        request,
        Problems.of(
            HttpStatus.REQUEST_ENTITY_TOO_LARGE,
            "body-too-large",
            "Request body too large",
            detail));
  }

  private static String size(long bytes) {
    if (bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + " MB";
    }
    return bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
  }
}
