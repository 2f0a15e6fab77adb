package org.neonmigrate.api.codec;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.neonmigrate.api.ApiApplication;

/**
 * Reads the codec session cookie on the two codec calls and nowhere else: a cookie a browser sends
 * by itself must never start, approve or cancel anything.
 */
@Singleton
@Requires(env = ApiApplication.ENVIRONMENT)
public class CodecSessionTokenReader implements TokenReader<HttpRequest<?>> {

  @Override
  public Optional<String> findToken(HttpRequest<?> request) {
    if (!CodecController.isCodecCall(request)) {
      return Optional.empty();
    }
    return request.getCookies().findCookie(CodecSessionController.COOKIE).map(Cookie::getValue);
  }
}
