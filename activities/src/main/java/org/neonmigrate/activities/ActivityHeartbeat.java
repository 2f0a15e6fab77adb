package org.neonmigrate.activities;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCanceledException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Heartbeats when running inside an activity; a no-op elsewhere (e.g. a CLI dry run). A heartbeat
 * is where a cancelled activity learns it was cancelled, except inside {@link #holdingCancel}.
 */
public final class ActivityHeartbeat {

  /** Set while work whose outcome must be known before the activity may stop is running. */
  private static final ThreadLocal<Boolean> HOLDING_CANCEL = ThreadLocal.withInitial(() -> false);

  /** What the running activity {@linkplain #record recorded} last; plain heartbeats repeat it. */
  private static final ThreadLocal<Object> RECORDED = new ThreadLocal<>();

  private ActivityHeartbeat() {}

  public static Optional<ActivityExecutionContext> context() {
    try {
      return Optional.of(Activity.getExecutionContext());
    } catch (IllegalStateException notInActivity) {
      return Optional.empty();
    }
  }

  /**
   * A heartbeat; it repeats what the activity {@linkplain #record recorded}, if anything, so that
   * plain heartbeats (e.g. while paging) never erase what a retry needs to know.
   */
  public static void beat() {
    context().ifPresent(ctx -> send(ctx, RECORDED.get()));
  }

  /**
   * Records details for a retried attempt to read with {@link #previousDetails}, until {@link
   * #forgetRecorded}. Never a place where a cancel surfaces: the next {@link #beat()} outside
   * {@link #holdingCancel} still throws it.
   */
  public static void record(Object details) {
    RECORDED.set(details);
    context()
        .ifPresent(
            ctx -> {
              try {
                ctx.heartbeat(details);
              } catch (ActivityCanceledException cancelled) {
                // remembered by the SDK; the next plain heartbeat throws it again
              }
            });
  }

  /** Ends what {@link #record} set; an activity that records calls this when it returns. */
  public static void forgetRecorded() {
    RECORDED.remove();
  }

  /** What the previous attempt of this activity last recorded, if anything. */
  public static <T> Optional<T> previousDetails(Class<T> type) {
    return context().flatMap(ctx -> ctx.getLastHeartbeatDetails(type));
  }

  /**
   * Runs {@code work} to its end even if the workflow cancels meanwhile: its heartbeats go on but
   * do not throw the cancellation, which the next {@link #beat()} after it throws instead.
   */
  public static <T> T holdingCancel(Supplier<T> work) {
    boolean outer = HOLDING_CANCEL.get();
    HOLDING_CANCEL.set(true);
    try {
      return work.get();
    } finally {
      HOLDING_CANCEL.set(outer);
    }
  }

  public static int attempt() {
    return context().map(ctx -> ctx.getInfo().getAttempt()).orElse(1);
  }

  /** When this attempt was scheduled (epoch millis): every earlier attempt had ended by then. */
  public static long attemptScheduledMillis() {
    return context()
        .map(ctx -> ctx.getInfo().getCurrentAttemptScheduledTimestamp())
        .orElseGet(System::currentTimeMillis);
  }

  private static void send(ActivityExecutionContext ctx, Object details) {
    try {
      ctx.heartbeat(details);
    } catch (ActivityCanceledException cancelled) {
      if (!HOLDING_CANCEL.get()) {
        throw cancelled;
      }
    }
  }
}
