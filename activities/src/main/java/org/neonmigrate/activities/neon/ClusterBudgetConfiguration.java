package org.neonmigrate.activities.neon;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How a worker leases from the fleet-wide budget ({@code neon.budget.mode=cluster}).
 *
 * @param leaseValidity {@code neon.budget.lease-validity}, default 1s: unused tokens lapse this
 *     fast, so an idle worker holds nothing
 * @param maxLeaseTokens {@code neon.budget.max-lease-tokens}, default 25: at 100 calls/s a worker
 *     asks about four times a second
 * @param leaseTimeout {@code neon.budget.lease-timeout}, default 10s: after this the activity
 *     attempt fails (retryably) rather than send a call unmetered
 * @param leasesPerRun {@code neon.budget.leases-per-run}, default 1000: the budget workflow
 *     continues as new after this many leases
 */
@ConfigurationProperties("neon.budget")
public record ClusterBudgetConfiguration(
    @Bindable(defaultValue = "1s") Duration leaseValidity,
    @Bindable(defaultValue = "25") int maxLeaseTokens,
    @Bindable(defaultValue = "10s") Duration leaseTimeout,
    @Bindable(defaultValue = "1000") int leasesPerRun) {}
