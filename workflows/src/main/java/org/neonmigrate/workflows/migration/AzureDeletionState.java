package org.neonmigrate.workflows.migration;

/** What the run knows about the ARM DELETE; shown in status and report. */
public enum AzureDeletionState {
  /** No DELETE was sent. */
  NOT_SENT,
  /** A DELETE was (or may have been) sent and its outcome is not confirmed. */
  OUTCOME_UNKNOWN,
  /** ARM confirmed the resource is gone after this run's DELETE. */
  DELETED,
  /** ARM said the proven resource did not exist any more before this run sent a DELETE. */
  ALREADY_GONE
}
