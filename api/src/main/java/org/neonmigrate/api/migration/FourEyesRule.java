package org.neonmigrate.api.migration;

import io.micronaut.http.HttpStatus;
import org.neonmigrate.api.problem.Problems;
import org.neonmigrate.workflows.migration.Gate;

/**
 * Deleting the Azure resource is approved by someone other than whoever started the migration. The
 * workflow enforces the same rule for every caller; checking here too answers 403 at once instead
 * of a signal the run would refuse.
 */
public final class FourEyesRule {

  private FourEyesRule() {}

  public static void check(boolean enabled, Gate gate, String requestedBy, String approver) {
    if (enabled
        && gate == Gate.AZURE_DELETION
        && (requestedBy == null || approver.trim().equalsIgnoreCase(requestedBy.trim()))) {
      throw Problems.of(
          HttpStatus.FORBIDDEN,
          "four-eyes",
          "Another person must approve the deletion",
          ("%s started this migration, so someone else with the approver role must approve"
                  + " the azure-deletion gate.")
              .formatted(approver));
    }
  }
}
