package org.neonmigrate.activities;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCanceledException;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heartbeats when running inside an activity; a no-op elsewhere (e.g. a CLI dry run). A heartbeat
 * is where a cancelled activity learns it was cancelled, except inside {@link #holdingCancel}.
 */
public final class ActivityHeartbeat {
  private static final Logger LOG = LoggerFactory.getLogger(ActivityHeartbeat.class);

  /**
   * How often {@link #keepingAlive} heartbeats while a call blocks, at most: well inside the
   * workflows' 30 s heartbeat timeout, of which the SDK's throttling already takes a fifth. A
   * shorter timeout gets a keep-alive four times within it.
   */
  static final Duration KEEP_ALIVE_EVERY = Duration.ofSeconds(5);

  private static final ScheduledExecutorService KEEP_ALIVE =
      Executors.newScheduledThreadPool(
          2,
          r -> {
            Thread thread = new Thread(r, "activity-keep-alive");
            thread.setDaemon(true);
            return thread;
          });

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

  /**
   * Runs one blocking call (an HTTP request, a budget lease) while heartbeating every {@link
   * #KEEP_ALIVE_EVERY} on the activity's behalf. Each of those heartbeats repeats what this attempt
   * (or, before its first, the previous attempt) reported last, so it never changes what a retry
   * reads. Thus a short heartbeat timeout tells a lost worker from a slow answer, whose length the
   * call's own timeout bounds. Once this returns, no keep-alive heartbeat is sent any more.
   */
  public static <T> T keepingAlive(Supplier<T> call) {
    Optional<ActivityExecutionContext> ctx = context();
    if (ctx.isEmpty()) {
      return call.get();
    }
    KeepAlive keepAlive = new KeepAlive(ctx.get());
    long every = keepAliveMillis(ctx.get().getInfo().getHeartbeatTimeout());
    ScheduledFuture<?> beats =
        KEEP_ALIVE.scheduleWithFixedDelay(keepAlive::beat, every, every, TimeUnit.MILLISECONDS);
    try {
      return call.get();
    } finally {
      beats.cancel(false);
      keepAlive.stop();
    }
  }

  static long keepAliveMillis(Duration heartbeatTimeout) {
    long every = KEEP_ALIVE_EVERY.toMillis();
    if (heartbeatTimeout != null && !heartbeatTimeout.isZero() && !heartbeatTimeout.isNegative()) {
      every = Math.min(every, heartbeatTimeout.toMillis() / 4);
    }
    return Math.max(10, every);
  }

  /** Heartbeats for an activity thread that is blocked in a call, until stopped. */
  private static final class KeepAlive {
    private final ActivityExecutionContext ctx;
    private boolean stopped;

    KeepAlive(ActivityExecutionContext ctx) {
      this.ctx = ctx;
    }

    synchronized void beat() {
      if (stopped) {
        return;
      }
      try {
        ctx.heartbeat(ctx.getHeartbeatDetails(Object.class).orElse(null));
      } catch (ActivityCompletionException e) {
        // cancelled, timed out or gone: the SDK keeps it for the activity's own next heartbeat
      } catch (RuntimeException e) {
        // a keep-alive must never end the scheduler's thread; the activity's heartbeats go on
        LOG.warn("keep-alive heartbeat failed: {}", e.toString());
      }
    }

    /** Waits for a keep-alive heartbeat in progress, so none can follow the caller's own. */
    synchronized void stop() {
      stopped = true;
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
