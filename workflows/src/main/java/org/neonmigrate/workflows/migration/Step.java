package org.neonmigrate.workflows.migration;

/** Where a migration is; also the value of the {@code MigrationStep} search attribute. */
public enum Step {
  DISCOVER,
  PLAN,
  PLAN_UPGRADE,
  TRANSFER,
  RECONFIGURE,
  VERIFY,
  AZURE_DELETION,
  DELETE_AZURE,
  COMPLETED,
  FAILED,
  CANCELLED;

  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }
}
