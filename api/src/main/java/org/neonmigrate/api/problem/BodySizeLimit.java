package org.neonmigrate.api.problem;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.api.ApiSettings;
import org.neonmigrate.api.codec.CodecController;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Micronaut has one request-size limit for the whole server, raised for batch starts and the codec
 * calls (a payload may be a few megabytes); this holds every other route to {@code
 * neonmigrate.api.max-body-bytes}: by the declared Content-Length, or, for a body without one
 * (chunked), by counting a copy of it as it arrives and refusing at the limit, so no more than the
 * limit is ever held. It runs after security, so an anonymous caller still learns first that it
 * must authenticate.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(env = ApiApplication.ENVIRONMENT)
public class BodySizeLimit implements Ordered {

  static final String BATCH_START = "/batches";
  private static final String BATCH_START_SLASH = BATCH_START + "/";

  private static final CompletableFuture<Optional<HttpResponse<?>>> PROCEED =
      CompletableFuture.completedFuture(Optional.empty());

  private final long maxBodyBytes;

  public BodySizeLimit(ApiSettings settings) {
    this.maxBodyBytes = settings.maxBodyBytes();
  }

  /** Batch starts are bounded by {@code micronaut.server.max-request-size} instead. */
  static boolean isBatchStart(HttpRequest<?> request) {
    String path = request.getPath();
    return request.getMethod() == HttpMethod.POST
        && (BATCH_START.equals(path) || BATCH_START_SLASH.equals(path));
  }

  @RequestFilter
  public CompletableFuture<Optional<HttpResponse<?>>> check(HttpRequest<?> request) {
    if (isBatchStart(request) || CodecController.isCodecCall(request)) {
      return PROCEED;
    }
    long length = request.getContentLength();
    if (length < 0 && request instanceof ServerHttpRequest<?> server) {
      OptionalLong known = server.byteBody().expectedLength();
      if (known.isEmpty()) {
        return counted(server.byteBody().split(ByteBody.SplitBackpressureMode.FASTEST));
      }
      length = known.getAsLong();
    }
    return length > maxBodyBytes
        ? CompletableFuture.failedFuture(new ContentLengthExceededException(maxBodyBytes, length))
        : PROCEED;
  }

  /**
   * Reads the copy to its end, or refuses once it passes the limit; the route reads the body
   * itself, from what the original kept.
   */
  private CompletableFuture<Optional<HttpResponse<?>>> counted(ByteBody copy) {
    CompletableFuture<Optional<HttpResponse<?>>> verdict = new CompletableFuture<>();
    copy.toByteArrayPublisher()
        .subscribe(
            new Subscriber<byte[]>() {
              private Subscription subscription;
              private long received;

              @Override
              public void onSubscribe(Subscription s) {
                subscription = s;
                s.request(Long.MAX_VALUE);
              }

              @Override
              public void onNext(byte[] bytes) {
                received += bytes.length;
                if (received > maxBodyBytes && !verdict.isDone()) {
                  subscription.cancel();
                  verdict.completeExceptionally(
                      new ContentLengthExceededException(maxBodyBytes, received));
                }
              }

              @Override
              public void onError(Throwable failure) {
                verdict.completeExceptionally(failure);
              }

              @Override
              public void onComplete() {
                verdict.complete(Optional.empty());
              }
            });
    return verdict;
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.after();
  }
}
