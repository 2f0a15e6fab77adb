package org.neonmigrate.activities.neon;

/**
 * The share of Neon's rate limit a caller may spend. Per process today; a cluster-wide budget (one
 * shared by every worker using the same key) can replace the bean without touching callers.
 */
public interface NeonRateBudget {

  /**
   * Blocks until one request on {@code route} fits the budget, calling {@code whileWaiting} at
   * least every second it waits (activities heartbeat there).
   */
  void acquire(String route, Runnable whileWaiting);
}
