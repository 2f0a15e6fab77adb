package org.neonmigrate.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface TransferActivities {

  /**
   * Moves one chunk (1..400 projects) with {@code POST /organizations/{src}/projects/transfer}. The
   * POST is not idempotent, so a retried attempt first re-reads which of the chunk's projects are
   * still in the source, waits (heartbeating) while a POST whose answer was lost may still be
   * moving them, and sends only those that stayed. A 422 moves the listed projects to {@code
   * blocked} and sends the rest; a 406 comes back as {@code limits} (nothing moved) for the
   * workflow to decide. Once the workflow is cancelled it sends nothing more and returns what
   * moved.
   */
  @ActivityMethod
  TransferOutcome transferProjects(TransferChunk chunk);

  /**
   * Sends nothing: where the chunk's projects are, after waiting out a transfer of theirs whose
   * answer never came back (its activity was cancelled between attempts). {@code transferred} are
   * those no longer in the source.
   */
  @ActivityMethod
  TransferOutcome locateChunk(TransferChunk chunk);
}
