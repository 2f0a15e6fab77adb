package org.neonmigrate.workflows.batch;

import java.util.List;

/**
 * What a batch run hands to the next one when it continues as new. The migrations not started yet
 * travel in {@link BatchRequest#migrations()}; everything else the batch knows is here.
 *
 * @param orgs one row per org started so far (finished ones included: they are the report)
 * @param pausedBy null when new starts are allowed, otherwise who paused the batch
 * @param runs how many runs came before the next one
 * @param total how many migrations the batch was asked for
 */
public record BatchState(
    List<OrgOutcome> orgs, String pausedBy, String pauseReason, int runs, int total) {}
