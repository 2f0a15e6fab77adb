package org.neonmigrate.api.migration;

import io.micronaut.http.HttpStatus;
import org.neonmigrate.api.problem.Problems;
import org.neonmigrate.workflows.migration.Gate;
import org.zalando.problem.ThrowableProblem;

/**
 * Deleting the Azure resource is approved by someone other than whoever started the migration. The
 * workflow enforces the rule for every caller (a migration's {@code decide} update refuses such an
 * approval, answered with {@link #refusal}); a batch's bulk approval is checked here, before the
 * batch relays it as signals the children would refuse.
 */
public final class FourEyesRule {

  private FourEyesRule() {}

  public static void check(boolean enabled, Gate gate, String requestedBy, String approver) {
    if (enabled
        && gate == Gate.AZURE_DELETION
        && (requestedBy == null || approver.trim().equalsIgnoreCase(requestedBy.trim()))) {
      throw refusal(approver);
    }
  }

  /** The 403 for an azure-deletion approval by whoever started the run. */
  public static ThrowableProblem refusal(String approver) {
    return Problems.of(
        HttpStatus.FORBIDDEN,
        "four-eyes",
        "Another person must approve the deletion",
        ("%s started this migration, so someone else with the approver role must approve"
                + " the azure-deletion gate.")
            .formatted(approver));
  }
}
