package org.neonmigrate.activities.azure;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How the worker reaches Azure Resource Manager.
 *
 * @param url {@code azure.arm.url} (env {@code AZURE_ARM_URL}), default {@value #DEFAULT_URL};
 *     operation-status URLs must be on this same origin or they are not polled (they would get the
 *     token)
 * @param apiVersion {@code azure.arm.api-version}, default {@value #DEFAULT_API_VERSION}: the
 *     stable Neon.Postgres version
 * @param defaultPollInterval {@code azure.arm.default-poll-interval}, default 10s: between polls
 *     when ARM sends no Retry-After
 * @param maxPollInterval {@code azure.arm.max-poll-interval}, default 120s: upper bound on any
 *     Retry-After while polling
 * @param readTimeout {@code azure.arm.read-timeout}, default 60s
 */
@ConfigurationProperties("azure.arm")
public record ArmConfiguration(
    @Bindable(defaultValue = DEFAULT_URL) String url,
    @Bindable(defaultValue = DEFAULT_API_VERSION) String apiVersion,
    @Bindable(defaultValue = "10s") Duration defaultPollInterval,
    @Bindable(defaultValue = "120s") Duration maxPollInterval,
    @Bindable(defaultValue = "60s") Duration readTimeout) {

  public static final String DEFAULT_URL = "https://management.azure.com";
  public static final String DEFAULT_API_VERSION = "2025-03-01";
}
