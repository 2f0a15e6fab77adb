package org.neonmigrate.activities.neon;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The client-side share of Neon's rate limit this worker process may use.
 *
 * @param perMinute {@code neon.budget.per-minute}, default 700: Neon's per-account limit; lower it
 *     when several workers share one key
 * @param perRoutePerSecond {@code neon.budget.per-route-per-second}, default 40: Neon's burst limit
 *     per route
 */
@ConfigurationProperties("neon.budget")
public record NeonBudgetConfiguration(
    @Bindable(defaultValue = "700") int perMinute,
    @Bindable(defaultValue = "40") int perRoutePerSecond) {}
