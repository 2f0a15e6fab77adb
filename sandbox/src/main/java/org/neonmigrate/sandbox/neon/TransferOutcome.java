package org.neonmigrate.sandbox.neon;

import java.util.List;

/** What a transfer request led to; only {@link Moved} changes state. */
public sealed interface TransferOutcome {

  /** Accepted: the projects moved, or (with a transfer pace) will once the move settles. */
  record Moved(int count) implements TransferOutcome {}

  /** Nothing changed: another transfer still moving these projects holds them. */
  record Locked(List<String> projectIds) implements TransferOutcome {}

  record LimitsUnsatisfied(List<Limit> limits) implements TransferOutcome {}

  record BlockedByIntegrations(List<Blocked> projects) implements TransferOutcome {}

  record ProjectsNotInSource(List<String> projectIds) implements TransferOutcome {}

  record Limit(String name, String expected, String actual) {}

  record Blocked(String id, String integration) {}
}
