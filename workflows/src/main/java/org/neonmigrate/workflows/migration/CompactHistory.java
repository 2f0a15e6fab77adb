package org.neonmigrate.workflows.migration;

import io.temporal.workflow.Workflow;

/**
 * One version marker for the changes that keep a run's history short. Version 1: no upsert of
 * search attributes its starter already set, none for a step left in the same workflow task, the
 * access inventory read by the org check's activity, no reminder timer in a batch's runs (the batch
 * reminds by its digests), and no marker of their own for operator notifications (every run of this
 * shape has them). Version 2: the invitations sent by the first grant chunk's activity. Runs
 * recorded before replay as they were recorded.
 */
final class CompactHistory {
  static final String CHANGE_ID = "compact-history";
  static final int INVITATIONS_WITH_GRANTS = 2;
  private static final int LATEST = INVITATIONS_WITH_GRANTS;

  private CompactHistory() {}

  /**
   * Records the marker in a new run and returns its version ({@link Workflow#DEFAULT_VERSION} for a
   * run from before); call once, before the run's first upsert.
   */
  static int version() {
    return Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, LATEST);
  }
}
