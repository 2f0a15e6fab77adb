package org.neonmigrate.workflows.migration;

import java.time.Duration;

/** How soon Temporal gives up on an activity attempt whose worker went away. */
final class ActivityLiveness {

  /**
   * Every Neon and ARM activity heartbeats at least every 5 s, also while one call blocks (the
   * activities' {@code ActivityHeartbeat.keepingAlive}), so 30 s of silence means its worker is
   * gone: the attempt is retried on another worker then, not after its start-to-close timeout (up
   * to 30 min). A slow answer is bounded by the HTTP client's own read timeout instead.
   */
  static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(30);

  private ActivityLiveness() {}
}
