package org.neonmigrate.activities;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.util.Optional;

/** Heartbeats when running inside an activity; a no-op elsewhere (e.g. a CLI dry run). */
public final class ActivityHeartbeat {

  private ActivityHeartbeat() {}

  public static Optional<ActivityExecutionContext> context() {
    try {
      return Optional.of(Activity.getExecutionContext());
    } catch (IllegalStateException notInActivity) {
      return Optional.empty();
    }
  }

  /** A heartbeat without details; also where a cancelled activity learns it was cancelled. */
  public static void beat() {
    context().ifPresent(ctx -> ctx.heartbeat(null));
  }

  public static int attempt() {
    return context().map(ctx -> ctx.getInfo().getAttempt()).orElse(1);
  }
}
