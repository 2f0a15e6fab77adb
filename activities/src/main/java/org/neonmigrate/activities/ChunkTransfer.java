package org.neonmigrate.activities;

import io.temporal.client.ActivityCanceledException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.neonmigrate.activities.neon.NeonClient;
import org.neonmigrate.activities.neon.NeonFailures;
import org.neonmigrate.activities.neon.TransferAnswer;
import org.neonmigrate.activities.neon.model.ProjectIntegration;
import org.neonmigrate.activities.neon.model.TransferRequest;
import org.neonmigrate.workflows.activities.MigrationFailure;
import org.neonmigrate.workflows.activities.TransferChunk;
import org.neonmigrate.workflows.activities.TransferOutcome;
import org.neonmigrate.workflows.migration.BlockedProject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chunk's transfer within one activity attempt: what is still to send, what integrations block,
 * and which projects an earlier POST (whose answer was lost or timed out) may still be moving. The
 * POST is not idempotent, so no project is sent again while such a POST may still take effect: the
 * source is listed again, and again, until those projects left it or the settle window has passed.
 */
final class ChunkTransfer {

  private static final Logger LOG = LoggerFactory.getLogger(ChunkTransfer.class);

  /**
   * Each 422 round removes at least one project, so a chunk needs few; this bounds a bad server.
   */
  static final int MAX_ROUNDS = 10;

  /** {@link RecentWrites} kind for a project's transfer, scoped by source org. */
  static final String TRANSFER = "transfer";

  /**
   * Heartbeat details: the projects a POST sent at {@code sentAtMillis} whose answer has not come
   * back (yet); none once the answer is known. A retried attempt reads its predecessor's.
   */
  public record InFlight(List<String> projectIds, long sentAtMillis) {
    static final InFlight NONE = new InFlight(List.of(), 0);
  }

  /** Projects whose place an earlier POST may still change, until {@code deadlineNanos}. */
  private record Unsettled(Set<String> projectIds, long deadlineNanos) {
    static final Unsettled NONE = new Unsettled(Set.of(), 0);
  }

  private final NeonClient neon;
  private final RecentWrites recentWrites;
  private final TransferSettleConfiguration settling;
  private final TransferChunk chunk;
  private final List<String> requested;
  private final Set<String> pending;
  private final Map<String, BlockedProject> blocked = new LinkedHashMap<>();
  private SourceListing listing;

  ChunkTransfer(
      NeonClient neon,
      RecentWrites recentWrites,
      TransferSettleConfiguration settling,
      TransferChunk chunk,
      List<String> requested) {
    this.neon = neon;
    this.recentWrites = recentWrites;
    this.settling = settling;
    this.chunk = chunk;
    this.requested = requested;
    this.pending = new LinkedHashSet<>(requested);
  }

  TransferOutcome transfer() {
    // A first attempt that sent nothing yet trusts the inventory; any later try re-reads the
    // source, waits while an earlier POST may still be moving projects, and sends only what stayed.
    // Those gone count as transferred; VERIFY proves they landed.
    Unsettled unsettled = earlierPost();
    boolean reread = ActivityHeartbeat.attempt() > 1 || !unsettled.projectIds().isEmpty();
    boolean fresh = false;
    boolean lastLocked = false;
    try {
      for (int round = 1; round <= MAX_ROUNDS; round++) {
        if (reread && !fresh) {
          settle(unsettled);
          if (pending.isEmpty()) {
            return moved();
          }
        }
        unsettled = Unsettled.NONE;
        fresh = false;
        // a cancel stops the transfer here, before anything more is sent
        ActivityHeartbeat.beat();
        TransferAnswer answer = send();
        lastLocked = answer instanceof TransferAnswer.Locked;
        if (answer instanceof TransferAnswer.Moved) {
          LOG.info(
              "transfer {} -> {}: moved {} project(s)",
              chunk.sourceOrgId(),
              chunk.destinationOrgId(),
              pending.size());
          return moved();
        }
        if (answer instanceof TransferAnswer.LimitsShort limits) {
          return new TransferOutcome(
              transferredSoFar(),
              List.copyOf(blocked.values()),
              TransferLimits.describe(limits.limits()),
              TransferLimits.planUpgradeWouldHelp(limits.limits()));
        }
        if (answer instanceof TransferAnswer.Locked) {
          // perhaps our own earlier POST, still being applied: wait for it as for a lost answer
          LOG.info(
              "transfer {} -> {}: Neon answered 423 (locked by an operation in progress)",
              chunk.sourceOrgId(),
              chunk.destinationOrgId());
          unsettled = new Unsettled(Set.copyOf(pending), deadlineAfter(settling.settleWindow()));
          reread = true;
          continue;
        }
        if (answer instanceof TransferAnswer.NotInSource) {
          // nothing moved (the POST is all-or-nothing): a project left since it was last listed
          if (!reread) {
            reread = true;
            continue;
          }
          int before = pending.size();
          listSource();
          if (pending.isEmpty()) {
            return moved();
          }
          if (pending.size() == before) {
            throw MigrationFailure.OrganizationNotFound.failure(
                "transfer answered 404 for projects just listed in source org "
                    + chunk.sourceOrgId()
                    + "; refusing to resend blindly");
          }
          fresh = true;
          continue;
        }
        if (!reread) {
          // 422 moved nothing; the names of the blocked projects come from the source listing
          listSource();
        }
        reread = true;
        setAsideBlocked((TransferAnswer.BlockedByIntegrations) answer);
        if (pending.isEmpty()) {
          return moved();
        }
      }
    } catch (ActivityCanceledException cancelled) {
      // The run is being cancelled. A cancel surfaces only before a POST is sent or once its
      // answer is known, so what moved is known: report it and send nothing more.
      settled(pending);
      LOG.info(
          "transfer {} -> {}: cancelled; {} project(s) still in the source",
          chunk.sourceOrgId(),
          chunk.destinationOrgId(),
          pending.size());
      return new TransferOutcome(
          transferredSoFar(), List.copyOf(blocked.values()), List.of(), false);
    }
    if (lastLocked) {
      throw ApplicationFailure.newBuilder()
          .setType(NeonFailures.UNAVAILABLE)
          .setMessage(
              "transfer still answered 423 (locked) after " + MAX_ROUNDS + " rounds; retrying")
          .build();
    }
    throw ApplicationFailure.newBuilder()
        .setType(NeonFailures.REQUEST_REJECTED)
        .setMessage("transfer still refused after " + MAX_ROUNDS + " rounds of 422 answers")
        .setNonRetryable(true)
        .build();
  }

  /**
   * Where the chunk's projects are, sending nothing: for a transfer whose activity ended without an
   * answer (cancelled between attempts), waits out whatever it may have sent.
   */
  TransferOutcome locate() {
    Unsettled unsettled = earlierPost();
    if (unsettled.projectIds().isEmpty()) {
      // this worker has no record of what was sent; another one may have sent all of it just now
      unsettled = new Unsettled(Set.copyOf(requested), deadlineAfter(settling.settleWindow()));
    }
    settle(unsettled);
    return new TransferOutcome(transferredSoFar(), List.of(), List.of(), false);
  }

  /** One POST of everything pending; its ids stay "in flight" until its answer is known. */
  private TransferAnswer send() {
    List<String> ids = List.copyOf(pending);
    ActivityHeartbeat.record(new InFlight(ids, System.currentTimeMillis()));
    recentWrites.record(TRANSFER, chunk.sourceOrgId(), ids);
    TransferAnswer answer;
    try {
      answer =
          neon.transfer(chunk.sourceOrgId(), new TransferRequest(chunk.destinationOrgId(), ids));
    } catch (ApplicationFailure failure) {
      if (NeonFailures.RATE_LIMITED.equals(failure.getType())) {
        settled(ids); // a 429 is refused before any work is done
      }
      throw failure;
    } catch (ActivityCanceledException cancelled) {
      settled(ids); // seen while waiting for the rate budget: nothing was sent
      throw cancelled;
    }
    if (!(answer instanceof TransferAnswer.Locked)) {
      settled(ids);
    }
    return answer;
  }

  private void settled(Collection<String> ids) {
    recentWrites.forget(TRANSFER, chunk.sourceOrgId(), ids);
    ActivityHeartbeat.record(InFlight.NONE);
  }

  /**
   * Lists the source, and while projects an earlier POST may still be moving are there (and the
   * window is open), waits and lists again, heartbeating. A cancel meanwhile is held until the
   * listing is final, so the positions reported after it are true.
   */
  private void settle(Unsettled unsettled) {
    ActivityHeartbeat.holdingCancel(
        () -> {
          boolean listed = listWhileOpen(unsettled);
          boolean waited = false;
          while ((!listed || stillMoving(unsettled))
              && System.nanoTime() - unsettled.deadlineNanos() < 0) {
            if (!waited) {
              LOG.info(
                  "transfer {} -> {}: {} project(s) of an unanswered POST are still in the source;"
                      + " waiting up to {} s for Neon to finish it",
                  chunk.sourceOrgId(),
                  chunk.destinationOrgId(),
                  unsettled.projectIds().stream().filter(pending::contains).count(),
                  Duration.ofNanos(unsettled.deadlineNanos() - System.nanoTime()).toSeconds());
              waited = true;
            }
            pause(unsettled.deadlineNanos());
            ActivityHeartbeat.beat();
            listed = listWhileOpen(unsettled);
          }
          if (!listed) {
            // the window is over: what is sent next rests on this listing, so it must succeed
            listSource();
          }
          if (waited && stillMoving(unsettled)) {
            LOG.info(
                "transfer {} -> {}: settle window over; taking the {} project(s) still in the"
                    + " source as not moved",
                chunk.sourceOrgId(),
                chunk.destinationOrgId(),
                pending.size());
          }
          return null;
        });
  }

  /**
   * Lists the source; while the settle window is open, a blip (5xx, 429, no answer) only means
   * "look again at the next poll" instead of failing the attempt, whose retry would start the wait
   * over. Returns whether the listing succeeded.
   */
  private boolean listWhileOpen(Unsettled unsettled) {
    try {
      listSource();
      return true;
    } catch (ApplicationFailure failure) {
      boolean blip =
          NeonFailures.UNAVAILABLE.equals(failure.getType())
              || NeonFailures.RATE_LIMITED.equals(failure.getType());
      if (!blip || System.nanoTime() - unsettled.deadlineNanos() >= 0) {
        throw failure;
      }
      LOG.info(
          "transfer {} -> {}: listing the source failed while waiting ({}); looking again",
          chunk.sourceOrgId(),
          chunk.destinationOrgId(),
          failure.getOriginalMessage());
      return false;
    }
  }

  private boolean stillMoving(Unsettled unsettled) {
    return unsettled.projectIds().stream()
        .anyMatch(id -> pending.contains(id) && !listing.blockedByIntegrations(id));
  }

  private void pause(long deadlineNanos) {
    long nanos =
        Math.min(settling.settlePoll().toNanos(), Math.max(0, deadlineNanos - System.nanoTime()));
    // a settle poll may be configured longer than the heartbeat timeout
    ActivityHeartbeat.keepingAlive(
        () -> {
          try {
            Thread.sleep(Math.max(1, nanos / 1_000_000));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApplicationFailure.newBuilder()
                .setType(NeonFailures.UNAVAILABLE)
                .setMessage("interrupted while waiting for a transfer to settle")
                .build();
          }
          return null;
        });
  }

  /** A complete listing of the source; projects no longer in it have left (VERIFY checks). */
  private void listSource() {
    listing = SourceListing.of(neon.allProjectPages(chunk.sourceOrgId()));
    List<String> gone = pending.stream().filter(id -> !listing.has(id)).toList();
    if (!gone.isEmpty()) {
      pending.removeAll(gone);
      recentWrites.forget(TRANSFER, chunk.sourceOrgId(), gone);
      LOG.info(
          "transfer {} -> {}: {} of the chunk's projects already left the source (attempt {})",
          chunk.sourceOrgId(),
          chunk.destinationOrgId(),
          gone.size(),
          ActivityHeartbeat.attempt());
    }
  }

  /**
   * What an earlier POST of these projects may still be doing: the previous attempt's record, or
   * (first attempt) what this process sent lately without learning the answer.
   */
  private Unsettled earlierPost() {
    Duration window = settling.settleWindow();
    if (ActivityHeartbeat.attempt() > 1) {
      Optional<InFlight> last = ActivityHeartbeat.previousDetails(InFlight.class);
      if (last.isPresent()) {
        // carried on, so an attempt that dies before its own POST leaves the record in place
        ActivityHeartbeat.record(last.get());
        Set<String> ids = new LinkedHashSet<>(last.get().projectIds());
        ids.retainAll(pending);
        return new Unsettled(ids, deadlineAt(last.get().sentAtMillis() + window.toMillis()));
      }
      // no record: the previous attempt may have sent everything, any time before this one. The
      // bound is this attempt's start, never an older recorded one: a later POST whose record was
      // lost with its worker must still get its whole window
      return new Unsettled(
          Set.copyOf(pending),
          deadlineAt(ActivityHeartbeat.attemptScheduledMillis() + window.toMillis()));
    }
    Map<String, Long> sent = recentWrites.sentAt(TRANSFER, chunk.sourceOrgId(), requested);
    if (sent.isEmpty()) {
      return Unsettled.NONE;
    }
    long latest = sent.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    return new Unsettled(Set.copyOf(sent.keySet()), latest + window.toNanos());
  }

  private static long deadlineAfter(Duration window) {
    return System.nanoTime() + window.toNanos();
  }

  private static long deadlineAt(long epochMillis) {
    return System.nanoTime() + (epochMillis - System.currentTimeMillis()) * 1_000_000L;
  }

  private void setAsideBlocked(TransferAnswer.BlockedByIntegrations refused) {
    Map<String, List<String>> integrations = byProject(refused.projects());
    integrations.keySet().retainAll(pending);
    if (integrations.isEmpty()) {
      throw ApplicationFailure.newBuilder()
          .setType(NeonFailures.REQUEST_REJECTED)
          .setMessage(
              "transfer answered 422 without naming any project of the request;"
                  + " refusing to resend blindly")
          .setNonRetryable(true)
          .build();
    }
    integrations.forEach(
        (id, kinds) -> blocked.put(id, new BlockedProject(id, listing.nameOf(id), kinds)));
    pending.removeAll(integrations.keySet());
    LOG.info(
        "transfer {} -> {}: {} project(s) blocked by integrations, resending {}",
        chunk.sourceOrgId(),
        chunk.destinationOrgId(),
        integrations.size(),
        pending.size());
  }

  /** Every project of the chunk that is not blocked has moved. */
  private TransferOutcome moved() {
    List<String> transferred = requested.stream().filter(id -> !blocked.containsKey(id)).toList();
    return new TransferOutcome(transferred, List.copyOf(blocked.values()), List.of(), false);
  }

  private List<String> transferredSoFar() {
    return requested.stream()
        .filter(id -> !pending.contains(id) && !blocked.containsKey(id))
        .toList();
  }

  private static Map<String, List<String>> byProject(List<ProjectIntegration> projects) {
    Map<String, List<String>> integrations = new LinkedHashMap<>();
    for (ProjectIntegration p : projects == null ? List.<ProjectIntegration>of() : projects) {
      if (p.id() == null) {
        continue;
      }
      List<String> names = integrations.computeIfAbsent(p.id(), id -> new ArrayList<>());
      if (p.integration() != null && !names.contains(p.integration())) {
        names.add(p.integration());
      }
    }
    return integrations;
  }
}
