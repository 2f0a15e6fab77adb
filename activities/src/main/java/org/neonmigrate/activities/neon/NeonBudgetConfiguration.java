package org.neonmigrate.activities.neon;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import org.neonmigrate.workflows.NeonLimits;

/**
 * The client-side share of Neon's rate limit: for the whole fleet in {@code cluster} mode, for this
 * process in {@code local} mode.
 *
 * @param perMinute {@code neon.budget.per-minute}, default 700: Neon's per-account limit; lower it
 *     when something else spends the same key
 * @param perRoutePerSecond {@code neon.budget.per-route-per-second}, default 40: Neon's burst limit
 *     per route
 */
@ConfigurationProperties("neon.budget")
public record NeonBudgetConfiguration(
    @Bindable(defaultValue = "" + NeonLimits.REQUESTS_PER_MINUTE) int perMinute,
    @Bindable(defaultValue = "" + NeonLimits.REQUESTS_PER_ROUTE_PER_SECOND)
        int perRoutePerSecond) {}
