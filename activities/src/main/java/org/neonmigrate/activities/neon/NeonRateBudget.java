package org.neonmigrate.activities.neon;

/**
 * The share of Neon's rate limit a caller may spend: fleet-wide ({@code neon.budget.mode=cluster},
 * the default, {@link ClusterNeonRateBudget}) or per process ({@code local}, {@link
 * LocalNeonRateBudget}).
 */
public interface NeonRateBudget {

  /** {@code cluster} (default) or {@code local}. */
  String MODE = "neon.budget.mode";

  /**
   * Blocks until one request on {@code route} fits the budget, calling {@code whileWaiting} at
   * least every second it waits (activities heartbeat there).
   */
  void acquire(String route, Runnable whileWaiting);
}
