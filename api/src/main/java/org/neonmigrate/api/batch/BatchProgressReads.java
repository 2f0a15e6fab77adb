package org.neonmigrate.api.batch;

import io.grpc.Status;
import io.micronaut.context.annotation.Requires;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionDescription;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.api.problem.TemporalFailures;
import org.neonmigrate.workflows.batch.BatchProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batch progress for many readers. Asking a batch is a Temporal query: the worker answers it on the
 * batch's own workflow thread, after the workflow task in progress (a busy batch has one nearly
 * always), by a full replay when the batch is not in its cache, and not before the new run's first
 * task after a continue-as-new; and the server refuses (RESOURCE_EXHAUSTED: its buffer of queries
 * waiting on one workflow is full) a query that arrives while others wait. So, per batch:
 *
 * <ul>
 *   <li>at most one query at a time from this API: concurrent reads share it;
 *   <li>an answer asked for at most {@code maxAge} ago is served again ({@code asOf} says when),
 *       from memory, without a call to Temporal;
 *   <li>an older one is served at once, marked {@code stale} with the reason, while the batch is
 *       described and asked again in the background: reads never wait on a busy batch, nor on one
 *       continuing as new;
 *   <li>reads wait for the batch's answer only when nothing is known yet, or when a change was sent
 *       through this API since the last answer (pause, resume, decisions, cancel: a read after them
 *       shows them); should Temporal then be unavailable, busy or late, the last answer is served
 *       marked stale, else the read fails as before;
 *   <li>the answer of a closed batch is final and kept.
 * </ul>
 */
@Singleton
@Requires(env = ApiApplication.ENVIRONMENT)
public class BatchProgressReads {
  private static final Logger LOG = LoggerFactory.getLogger(BatchProgressReads.class);

  /** Answers worth serving stale rather than failing the read. */
  private static final Set<Status.Code> TRANSIENT =
      Set.of(
          Status.Code.UNAVAILABLE,
          Status.Code.DEADLINE_EXCEEDED,
          Status.Code.RESOURCE_EXHAUSTED,
          Status.Code.CANCELLED);

  private static final String NOT_ANSWERED_YET =
      "The batch has been asked again and has not answered yet (it may be starting its next run,"
          + " or be busy); this is its last answer.";

  private final BatchRuns runs;
  private final Duration maxAge;
  private final int maxBatches;
  private final Clock clock;
  private final ExecutorService queries =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "batch-progress-query");
            t.setDaemon(true);
            return t;
          });
  private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

  public BatchProgressReads(BatchRuns runs, BatchProgressSettings settings) {
    this(runs, settings, Clock.systemUTC());
  }

  BatchProgressReads(BatchRuns runs, BatchProgressSettings settings, Clock clock) {
    this.runs = runs;
    this.maxAge = settings.maxAge();
    this.maxBatches = Math.max(1, settings.maxBatches());
    this.clock = clock;
  }

  /** The progress of the batch's latest run; 404 problem when there is no such batch. */
  BatchProgressAnswer read(String batchId) {
    Entry existing;
    synchronized (entries) {
      existing = entries.get(batchId);
    }
    BatchProgressAnswer known = existing == null ? null : existing.fromMemory();
    if (known != null) {
      return known;
    }
    // described first, so that ids of no batch take no room here
    WorkflowExecutionDescription run = runs.describe(batchId);
    return entry(batchId).await(run);
  }

  /** The next read asks the batch again: something was just sent to it. */
  void changed(String batchId) {
    Entry existing;
    synchronized (entries) {
      existing = entries.get(batchId);
    }
    if (existing != null) {
      existing.changed();
    }
  }

  private Entry entry(String batchId) {
    synchronized (entries) {
      Entry entry = entries.computeIfAbsent(batchId, Entry::new);
      if (entries.size() > maxBatches) {
        var eldest = entries.keySet().iterator();
        eldest.next();
        eldest.remove();
      }
      return entry;
    }
  }

  @PreDestroy
  void close() {
    queries.shutdownNow();
  }

  /** An answer, when it was asked for, of which run, and whether a change was sent since. */
  private record Known(BatchProgress progress, Instant asOf, boolean closed, long generation) {}

  private final class Entry {
    private final String batchId;
    private Known last;
    private String lastFailure;
    private CompletableFuture<Known> inFlight;
    private long inFlightGeneration;
    private long generation;

    Entry(String batchId) {
      this.batchId = batchId;
    }

    synchronized void changed() {
      generation++;
    }

    /** The answer to serve without waiting, or null when the read must wait for the batch. */
    synchronized BatchProgressAnswer fromMemory() {
      Known known = last;
      if (known == null || known.generation() != generation) {
        return null;
      }
      if (known.closed() || !clock.instant().isAfter(known.asOf().plus(maxAge))) {
        return answer(known, false, null);
      }
      CompletableFuture<Known> asking = ask(null);
      if (asking.isDone() && !asking.isCompletedExceptionally()) {
        return answer(asking.join(), false, null);
      }
      return answer(
          known,
          true,
          lastFailure == null
              ? NOT_ANSWERED_YET
              : ("The batch's last progress query failed (%s) and it has been asked again;"
                      + " this is its last answer.")
                  .formatted(lastFailure));
    }

    /** Waits for the batch's answer (asked after the last change); see the class comment. */
    BatchProgressAnswer await(WorkflowExecutionDescription run) {
      Known known;
      CompletableFuture<Known> asking;
      synchronized (this) {
        known = last;
        asking = ask(run);
      }
      try {
        return answer(asking.get(), false, null);
      } catch (ExecutionException e) {
        Status.Code code = TemporalFailures.grpcCode(e.getCause());
        if (known != null && code != null && TRANSIENT.contains(code)) {
          LOG.debug(
              "batch {}: progress query failed with {}; serving the last answer", batchId, code);
          return answer(
              known,
              true,
              "Temporal answered %s to the progress query; this is the batch's last answer."
                  .formatted(code));
        }
        throw rethrow(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reading batch progress", e);
      }
    }

    /**
     * The query in flight when it was sent after the last change, else a new one: of the run
     * described, or (null) of the latest run, described first.
     */
    private CompletableFuture<Known> ask(WorkflowExecutionDescription described) {
      if (inFlight != null && inFlightGeneration == generation) {
        return inFlight;
      }
      long askedGeneration = generation;
      CompletableFuture<Known> query =
          CompletableFuture.supplyAsync(
              () -> {
                WorkflowExecutionDescription run =
                    described != null ? described : runs.describe(batchId);
                boolean closed =
                    run.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
                Instant askedAt = clock.instant();
                return new Known(runs.typed(batchId).progress(), askedAt, closed, askedGeneration);
              },
              queries);
      inFlight = query;
      inFlightGeneration = askedGeneration;
      query.whenComplete((answer, failure) -> settle(query, answer, failure));
      return query;
    }

    private synchronized void settle(
        CompletableFuture<Known> query, Known answer, Throwable failure) {
      if (inFlight == query) {
        inFlight = null;
      }
      if (failure != null) {
        Throwable cause = failure.getCause() == null ? failure : failure.getCause();
        Status.Code code = TemporalFailures.grpcCode(cause);
        lastFailure = code != null ? code.name() : cause.getClass().getSimpleName();
        LOG.debug("batch {}: progress query failed: {}", batchId, cause.toString());
      } else {
        lastFailure = null;
      }
      if (answer != null && (last == null || !answer.asOf().isBefore(last.asOf()))) {
        last = answer;
      }
    }
  }

  private static RuntimeException rethrow(ExecutionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(cause);
  }

  private static BatchProgressAnswer answer(Known known, boolean stale, String reason) {
    return BatchProgressAnswer.of(known.progress(), known.asOf(), stale, reason);
  }
}
