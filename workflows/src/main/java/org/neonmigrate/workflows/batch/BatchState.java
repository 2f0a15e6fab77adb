package org.neonmigrate.workflows.batch;

import java.util.List;
import java.util.Map;

/**
 * What a batch run hands to the next one when it continues as new.
 *
 * @param orgs one row per org started so far (finished ones included: they are the report)
 * @param pending the migrations received but not started yet, in order
 * @param pages page number to how many migrations it had, for every page received
 * @param pausedBy null when new starts are allowed, otherwise who paused the batch
 * @param runs how many runs came before the next one
 * @param total how many migrations the batch was asked for ({@code expectedTotal})
 */
public record BatchState(
    List<OrgOutcome> orgs,
    List<PendingMigration> pending,
    Map<Integer, Integer> pages,
    String pausedBy,
    String pauseReason,
    int runs,
    int total) {}
