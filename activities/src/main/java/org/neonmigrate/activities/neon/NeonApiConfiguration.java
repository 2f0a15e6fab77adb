package org.neonmigrate.activities.neon;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How the worker reaches the Neon API v2.
 *
 * @param url {@code neon.api.url} (env {@code NEON_API_URL}): base URL, default {@value
 *     #DEFAULT_URL}
 * @param key {@code neon.api.key} (env {@code NEON_API_KEY}): a personal API key of an admin of
 *     both orgs; never logged
 * @param readTimeout {@code neon.api.read-timeout}, default 60s: a 400-project transfer is one
 *     synchronous call
 * @param connectTimeout {@code neon.api.connect-timeout}, default 10s
 */
@ConfigurationProperties("neon.api")
public record NeonApiConfiguration(
    @Bindable(defaultValue = DEFAULT_URL) String url,
    @Nullable String key,
    @Bindable(defaultValue = "60s") Duration readTimeout,
    @Bindable(defaultValue = "10s") Duration connectTimeout) {

  public static final String DEFAULT_URL = "https://console.neon.tech/api/v2";

  public boolean hasKey() {
    return key != null && !key.isBlank();
  }

  /** Keeps the API key out of any log line that prints the configuration. */
  @Override
  public String toString() {
    return "NeonApiConfiguration[url=" + url + ", key=" + (hasKey() ? "***" : "<unset>") + "]";
  }
}
