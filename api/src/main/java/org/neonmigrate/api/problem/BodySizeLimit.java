package org.neonmigrate.api.problem;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.filter.ServerFilterPhase;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.api.ApiSettings;

/**
 * Micronaut has one request-size limit for the whole server, raised for batch starts; this holds
 * every other route to {@code neonmigrate.api.max-body-bytes} by the declared Content-Length. It
 * runs after security, so an anonymous caller still learns first that it must authenticate.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(env = ApiApplication.ENVIRONMENT)
public class BodySizeLimit implements Ordered {

  static final String BATCH_START = "/batches";

  private final long maxBodyBytes;

  public BodySizeLimit(ApiSettings settings) {
    this.maxBodyBytes = settings.maxBodyBytes();
  }

  @RequestFilter
  public void check(HttpRequest<?> request) {
    if (request.getMethod() == HttpMethod.POST && BATCH_START.equals(request.getPath())) {
      return;
    }
    long length = request.getContentLength();
    if (length > maxBodyBytes) {
      throw new ContentLengthExceededException(maxBodyBytes, length);
    }
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.after();
  }
}
