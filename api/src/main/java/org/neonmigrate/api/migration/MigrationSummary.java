package org.neonmigrate.api.migration;

import io.micronaut.core.annotation.Nullable;

/**
 * One run in {@code GET /migrations}.
 *
 * @param executionStatus Temporal's status: RUNNING, COMPLETED, FAILED, CANCELED, TERMINATED, ...
 * @param step the {@code MigrationStep} search attribute (or the status query when it is missing)
 */
public record MigrationSummary(
    String id,
    String workflowId,
    String runId,
    String executionStatus,
    @Nullable String step,
    @Nullable String startTime,
    @Nullable String closeTime) {}
