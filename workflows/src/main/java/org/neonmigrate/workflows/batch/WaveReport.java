package org.neonmigrate.workflows.batch;

import java.util.List;

/**
 * Result of {@code BatchWave} and of its {@code report} query: one row per org of the wave, in the
 * order they were given. The batch's full report is its waves' rows, wave after wave.
 */
public record WaveReport(
    String batchId,
    int wave,
    int total,
    int completed,
    int failed,
    int cancelled,
    List<OrgOutcome> orgs) {}
