package org.neonmigrate.api.batch;

import java.util.List;
import org.neonmigrate.workflows.batch.OrgOutcome;

/**
 * {@code GET /batches/{id}/report}: the batch's counts and one row per org, wave after wave, read
 * from the waves (their result once closed, else their {@code report} query).
 *
 * @param wavesNotArrived waves that have not reported to the batch yet; their rows are not listed
 */
public record BatchReportAnswer(
    String batchId,
    String requestedBy,
    int total,
    int completed,
    int failed,
    int cancelled,
    int wavesNotArrived,
    List<OrgOutcome> orgs) {}
