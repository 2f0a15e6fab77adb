package org.neonmigrate.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface TransferActivities {

  /**
   * Moves one chunk (1..400 projects) with {@code POST /organizations/{src}/projects/transfer}. The
   * POST is not idempotent, so a retried attempt first re-reads which of the chunk's projects are
   * still in the source and sends only those. A 422 moves the listed projects to {@code blocked}
   * and sends the rest; a 406 comes back as {@code limits} (nothing moved) for the workflow to
   * decide.
   */
  @ActivityMethod
  TransferOutcome transferProjects(TransferChunk chunk);
}
