package org.neonmigrate.activities.neon;

import io.micronaut.http.client.HttpClientConfiguration;
import jakarta.inject.Singleton;

/** Timeouts of the Neon client: longer than Micronaut's 10s read default, for big transfers. */
@Singleton
public class NeonHttpClientConfiguration extends HttpClientConfiguration {

  private final ConnectionPoolConfiguration pool = new ConnectionPoolConfiguration();

  public NeonHttpClientConfiguration(NeonApiConfiguration configuration) {
    setReadTimeout(configuration.readTimeout());
    setConnectTimeout(configuration.connectTimeout());
    // redirects would resend the bearer key to wherever they point
    setFollowRedirects(false);
  }

  @Override
  public ConnectionPoolConfiguration getConnectionPoolConfiguration() {
    return pool;
  }
}
