package org.neonmigrate.activities.neon;

import java.util.concurrent.TimeUnit;

/**
 * What one worker's share of the fleet-wide budget did since the last summary: calls let through,
 * time they waited, lease round trips, tokens granted and tokens that lapsed unused (those still
 * count against the account, so a high share of them means leases are too large).
 */
final class BudgetStats {
  private long calls;
  private long waitNanos;
  private long maxWaitNanos;
  private long leases;
  private long refused;
  private long leaseNanos;
  private long granted;
  private long lapsed;

  synchronized void sent(long waitedNanos) {
    calls++;
    waitNanos += waitedNanos;
    maxWaitNanos = Math.max(maxWaitNanos, waitedNanos);
  }

  synchronized void leased(int tokens, long roundTripNanos) {
    leases++;
    leaseNanos += roundTripNanos;
    granted += tokens;
    refused += tokens == 0 ? 1 : 0;
  }

  synchronized void lapsed(int tokens) {
    lapsed += tokens;
  }

  /** A one-line summary, or null when nothing happened; starts the next period. */
  synchronized String drain() {
    if (calls == 0 && leases == 0) {
      return null;
    }
    String line =
        String.format(
            "%d calls (waited %.1f ms on average, %d ms at most), %d leases (%d refused,"
                + " %.1f ms round trip on average), %d tokens granted, %d lapsed unused",
            calls,
            calls == 0 ? 0.0 : waitNanos / 1e6 / calls,
            TimeUnit.NANOSECONDS.toMillis(maxWaitNanos),
            leases,
            refused,
            leases == 0 ? 0.0 : leaseNanos / 1e6 / leases,
            granted,
            lapsed);
    calls = waitNanos = maxWaitNanos = leases = refused = leaseNanos = granted = lapsed = 0;
    return line;
  }
}
