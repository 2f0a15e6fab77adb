package org.neonmigrate.workflows.activities;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Every {@link ActivityOptions} the workflows schedule activities with, each setting with its
 * reason. Callers add only a summary ({@code toBuilder().setSummary(...)}).
 *
 * <p>No option here lists non-retryable failure types: business failures ({@link MigrationFailure})
 * are thrown non-retryable by the activities themselves, so these policies only decide how blips,
 * 429s and lost workers are retried.
 */
public final class ActivityCatalogue {

  /**
   * Every Neon and ARM activity heartbeats at least every 5 s, also while one call blocks (the
   * activities' {@code ActivityHeartbeat.keepingAlive}), so 30 s of silence means its worker is
   * gone: the attempt is retried on another worker then, not after its start-to-close timeout (up
   * to 30 min). A slow answer is bounded by the HTTP client's own read timeout instead.
   */
  public static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(30);

  /**
   * For reads and for writes that re-read before acting, without an attempt limit (each option's
   * schedule-to-close bounds it). A 429 with Retry-After overrides the next delay.
   */
  public static final RetryOptions NEON_BACKOFF =
      RetryOptions.newBuilder()
          // a blip usually clears within a second
          .setInitialInterval(Duration.ofSeconds(1))
          // back off quickly from a 429 storm
          .setBackoffCoefficient(2)
          // still look again every minute, so a run resumes soon after Neon does
          .setMaximumInterval(Duration.ofSeconds(60))
          .build();

  /** DISCOVER and PLAN: Neon's and ARM's reads, all idempotent. */
  public static final ActivityOptions DISCOVERY_READS =
      ActivityOptions.newBuilder()
          // covers one 400-project page under Neon's rate limit
          .setStartToCloseTimeout(Duration.ofMinutes(2))
          // a lost worker shows within 30 s
          .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
          // after 30 min of failures a human should look
          .setScheduleToCloseTimeout(Duration.ofMinutes(30))
          // reads are safe to repeat
          .setRetryOptions(NEON_BACKOFF)
          .build();

  /**
   * A fleet plan's reads (ARM listings, Neon orgs and their projects, members and blockers): it
   * changes nothing, so every failure is worth another try.
   */
  public static final ActivityOptions FLEET_PLAN_READS =
      ActivityOptions.newBuilder()
          // one activity reads 20 orgs, some with thousands of projects, under a shared budget
          .setStartToCloseTimeout(Duration.ofMinutes(10))
          // the activities beat every 5 s, also while waiting for the budget
          .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
          // a plan still failing after 2 h needs a human
          .setScheduleToCloseTimeout(Duration.ofHours(2))
          // 429s and blips: back off up to a minute, no attempt limit
          .setRetryOptions(NEON_BACKOFF)
          .build();

  /**
   * TRANSFER: the activity re-reads the chunk before re-sending the non-idempotent POST, so retries
   * are safe; it heartbeats while the POST is outstanding and while it waits out one whose answer
   * was lost.
   */
  public static final ActivityOptions TRANSFER =
      ActivityOptions.newBuilder()
          // covers a 400-project POST, the re-read and the settle wait (2 min by default)
          .setStartToCloseTimeout(Duration.ofMinutes(10))
          // a lost worker shows within 30 s
          .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
          // after 1 h a human should look
          .setScheduleToCloseTimeout(Duration.ofHours(1))
          // a cancel waits for the activity, which sends nothing more and returns what moved, so
          // the cancel report's positions are true
          .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
          .setRetryOptions(
              RetryOptions.newBuilder()
                  // a little slower than reads: each retry starts with a re-read of the chunk
                  .setInitialInterval(Duration.ofSeconds(2))
                  .setBackoffCoefficient(2)
                  // no attempt limit; the schedule-to-close bounds it
                  .setMaximumInterval(Duration.ofMinutes(2))
                  .build())
          .build();

  /**
   * After a cancel that found no transfer attempt running: re-reads where the chunk's projects are
   * while a POST that attempt may have sent settles, heartbeating.
   */
  public static final ActivityOptions LOCATE_AFTER_CANCEL =
      ActivityOptions.newBuilder()
          // covers the settle wait (2 min by default) and the reads
          .setStartToCloseTimeout(Duration.ofMinutes(5))
          // a lost worker shows within 30 s
          .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
          // a cancelled run should close; after that the report says "as last observed"
          .setScheduleToCloseTimeout(Duration.ofMinutes(10))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  // quick retries: someone is waiting for the cancel to finish
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofSeconds(10))
                  .build())
          .build();

  /**
   * RECONFIGURE: a retried call re-reads the destination and adds only what is missing, so retries
   * are safe.
   */
  public static final ActivityOptions RECONFIGURE =
      ActivityOptions.newBuilder()
          // covers 200 projects' grants under Neon's rate limit
          .setStartToCloseTimeout(Duration.ofMinutes(5))
          // a lost worker shows within 30 s
          .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
          // after 1 h a human should look
          .setScheduleToCloseTimeout(Duration.ofHours(1))
          // idempotent writes are safe to repeat
          .setRetryOptions(NEON_BACKOFF)
          .build();

  /** VERIFY and the source listings after it: read-only and idempotent. */
  public static final ActivityOptions VERIFY =
      ActivityOptions.newBuilder()
          // covers reading 400 projects under Neon's rate limit
          .setStartToCloseTimeout(Duration.ofMinutes(5))
          // a lost worker shows within 30 s
          .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
          // after 30 min of failures a human should look
          .setScheduleToCloseTimeout(Duration.ofMinutes(30))
          // reads are safe to repeat
          .setRetryOptions(NEON_BACKOFF)
          .build();

  /**
   * DELETE_AZURE: the activity heartbeats while it polls ARM's long-running operation and during
   * each call; a retry resumes the operation, never re-deletes blindly.
   */
  public static final ActivityOptions AZURE_DELETION =
      ActivityOptions.newBuilder()
          // covers a slow long-running operation
          .setStartToCloseTimeout(Duration.ofMinutes(30))
          // a lost worker shows within 30 s, and the attempt is retried
          .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
          .setRetryOptions(
              RetryOptions.newBuilder()
                  // ARM is slower to recover than Neon's blips
                  .setInitialInterval(Duration.ofSeconds(10))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofMinutes(5))
                  // then the run waits at the gate for a human, nothing deleted meanwhile
                  .setMaximumAttempts(5)
                  .build())
          // the Web UI shows what guards the one irreversible call
          .setSummary(
              "delete Azure resource (interlock: proven resource, admin key, zero projects)")
          .build();

  /**
   * After a cancel the run should close promptly: a few quick reads; if Neon does not answer, the
   * report keeps the positions the run itself observed and says so.
   */
  public static final ActivityOptions AFTER_CANCEL_READS =
      ActivityOptions.newBuilder()
          // one count or one page
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          // a cancelled run should close within minutes
          .setScheduleToCloseTimeout(Duration.ofMinutes(2))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  // quick retries: someone is waiting for the cancel to finish
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofSeconds(10))
                  .build())
          .build();

  /**
   * {@link NotificationActivities#notifyOperators}, for runs and batches alike: a notification is a
   * courtesy and must never fail or stall a migration.
   */
  public static final ActivityOptions NOTIFICATION =
      ActivityOptions.newBuilder()
          // one POST, bounded by the client's 5 s answer timeout
          .setStartToCloseTimeout(Duration.ofSeconds(15))
          // then it is dropped (and counted)
          .setScheduleToCloseTimeout(Duration.ofMinutes(2))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(2))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofSeconds(30))
                  // 5 quick attempts within the 2 min
                  .setMaximumAttempts(5)
                  .build())
          .build();

  /**
   * {@link NotificationActivities#remindOperators}, scheduled only by runs from before operator
   * notifications (replay keeps them going).
   */
  public static final ActivityOptions GATE_REMINDER =
      ActivityOptions.newBuilder()
          // one reminder call
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(5))
                  .setBackoffCoefficient(2)
                  // a reminder is a courtesy: three attempts, then give up
                  .setMaximumAttempts(3)
                  .build())
          .build();

  private ActivityCatalogue() {}
}
