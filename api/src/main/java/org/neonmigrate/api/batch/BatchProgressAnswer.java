package org.neonmigrate.api.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.neonmigrate.workflows.batch.BatchProgress;
import org.neonmigrate.workflows.batch.WaveProgress;

/**
 * {@code GET /batches/{id}}: the batch's {@code progress} query answer (see {@link BatchProgress}
 * for the counts) and how current it is.
 *
 * @param asOf when the API asked the batch for this answer: the batch was at least this far along
 *     then
 * @param stale true when the batch did not answer in time just now (e.g. while it continues as new,
 *     or under load) and this is the last answer it gave; false when the answer was asked for at
 *     most {@code neonmigrate.api.batch-progress.max-age} ago, or the batch is closed
 * @param staleReason null when not stale, else why the last answer is served
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BatchProgressAnswer(
    String batchId,
    int total,
    int notStarted,
    int started,
    int working,
    int awaitingHumanCount,
    int finished,
    int completed,
    int failed,
    int cancelled,
    int concurrency,
    Map<String, Integer> awaitingByGate,
    List<WaveProgress> waves,
    int wavesNotArrived,
    @Nullable String pausedBy,
    @Nullable String pauseReason,
    boolean cancelling,
    int run,
    @Schema(
            description =
                "When the API asked the batch for this answer (ISO-8601 UTC): the batch was at"
                    + " least this far along then")
        String asOf,
    @Schema(
            description =
                "true: the batch did not answer in time just now (e.g. while it continues as new)"
                    + " and this is its last answer, as of asOf")
        boolean stale,
    @Schema(description = "null unless stale: why the last answer is served") @Nullable
        String staleReason) {

  static BatchProgressAnswer of(
      BatchProgress p, Instant asOf, boolean stale, @Nullable String staleReason) {
    return new BatchProgressAnswer(
        p.batchId(),
        p.total(),
        p.notStarted(),
        p.started(),
        p.working(),
        p.awaitingHumanCount(),
        p.finished(),
        p.completed(),
        p.failed(),
        p.cancelled(),
        p.concurrency(),
        p.awaitingByGate(),
        p.waves(),
        p.wavesNotArrived(),
        p.pausedBy(),
        p.pauseReason(),
        p.cancelling(),
        p.run(),
        asOf.toString(),
        stale,
        staleReason);
  }
}
