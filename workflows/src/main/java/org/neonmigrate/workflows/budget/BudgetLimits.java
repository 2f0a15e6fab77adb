package org.neonmigrate.workflows.budget;

/**
 * The fleet-wide share of Neon's rate limit, fixed by the worker that starts the budget workflow.
 *
 * @param perMinute calls per rolling minute for the whole account (Neon: 700)
 * @param perRoutePerSecond calls per rolling second on one route (Neon: 40)
 * @param leaseValidMillis how long granted calls stay usable; short, so idle workers hoard nothing
 * @param maxLeaseTokens the most one lease grants, so one busy worker cannot take the whole budget
 * @param updatesPerRun leases answered before the workflow continues as new (bounds its history)
 */
public record BudgetLimits(
    int perMinute,
    int perRoutePerSecond,
    long leaseValidMillis,
    int maxLeaseTokens,
    int updatesPerRun) {

  public BudgetLimits {
    if (perMinute < 1 || perRoutePerSecond < 1 || maxLeaseTokens < 1) {
      throw new IllegalArgumentException("budget limits must be at least 1");
    }
    if (leaseValidMillis < 1 || updatesPerRun < 1) {
      throw new IllegalArgumentException("lease validity and updates per run must be positive");
    }
  }
}
