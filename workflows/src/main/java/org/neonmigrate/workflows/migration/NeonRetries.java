package org.neonmigrate.workflows.migration;

import io.temporal.common.RetryOptions;
import java.time.Duration;

/** Retry policies shared by the steps that call the Neon API. */
final class NeonRetries {

  /**
   * For reads and for writes that re-read before acting: 429s and blips are retried with backoff
   * from 1 s to a minute, without an attempt limit (each step's schedule-to-close bounds it). A 429
   * with Retry-After overrides the next delay; business failures are non-retryable anyway.
   */
  static final RetryOptions BACKOFF =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2)
          .setMaximumInterval(Duration.ofSeconds(60))
          .build();

  private NeonRetries() {}
}
