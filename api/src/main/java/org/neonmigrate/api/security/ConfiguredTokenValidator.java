package org.neonmigrate.api.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import org.neonmigrate.api.ApiApplication;
import org.reactivestreams.Publisher;

/** Accepts the bearer tokens of {@link TokenRegistry}; anything else stays anonymous (401). */
@Singleton
@Requires(env = ApiApplication.ENVIRONMENT)
public class ConfiguredTokenValidator implements TokenValidator<HttpRequest<?>> {

  private final TokenRegistry registry;

  public ConfiguredTokenValidator(TokenRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Publisher<Authentication> validateToken(String token, @Nullable HttpRequest<?> request) {
    return registry
        .find(token)
        .map(holder -> Publishers.just(Authentication.build(holder.subject(), holder.roles())))
        .orElseGet(Publishers::empty);
  }
}
