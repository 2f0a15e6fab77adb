package org.neonmigrate.activities.neon;

import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;

/** Adds the bearer key to requests of {@link NeonAuthenticated} clients only. */
@NeonAuthenticated
@ClientFilter
public class NeonApiKeyFilter {

  private final NeonApiConfiguration configuration;

  public NeonApiKeyFilter(NeonApiConfiguration configuration) {
    this.configuration = configuration;
  }

  @RequestFilter
  public void authenticate(MutableHttpRequest<?> request) {
    if (configuration.hasKey()) {
      request.bearerAuth(configuration.key());
    }
  }
}
