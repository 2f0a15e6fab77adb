package org.neonmigrate.activities.azure;

import io.micronaut.http.client.HttpClientConfiguration;
import jakarta.inject.Singleton;

/** Timeouts of the ARM client; redirects off so the bearer token goes nowhere else. */
@Singleton
public class ArmHttpClientConfiguration extends HttpClientConfiguration {

  private final ConnectionPoolConfiguration pool = new ConnectionPoolConfiguration();

  public ArmHttpClientConfiguration(ArmConfiguration configuration) {
    setReadTimeout(configuration.readTimeout());
    setFollowRedirects(false);
  }

  @Override
  public ConnectionPoolConfiguration getConnectionPoolConfiguration() {
    return pool;
  }
}
