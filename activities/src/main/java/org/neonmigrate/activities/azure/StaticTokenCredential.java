package org.neonmigrate.activities.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.OffsetDateTime;
import reactor.core.publisher.Mono;

/** A fixed bearer token: what the ARM simulator accepts instead of Entra ID. */
final class StaticTokenCredential implements TokenCredential {

  private final String token;

  StaticTokenCredential(String token) {
    this.token = token;
  }

  @Override
  public Mono<AccessToken> getToken(TokenRequestContext request) {
    return Mono.just(getTokenSync(request));
  }

  @Override
  public AccessToken getTokenSync(TokenRequestContext request) {
    return new AccessToken(token, OffsetDateTime.now().plusHours(1));
  }
}
