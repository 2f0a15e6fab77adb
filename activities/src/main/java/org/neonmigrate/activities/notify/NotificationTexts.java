package org.neonmigrate.activities.notify;

import java.util.Map;
import java.util.stream.Collectors;
import org.neonmigrate.workflows.activities.OperatorNotification;

/** The one-line {@code text} that Slack and Teams show; built from the structured fields only. */
public final class NotificationTexts {
  private NotificationTexts() {}

  public static String text(OperatorNotification n) {
    String run = "Neon migration " + n.workflowId();
    return switch (n.kind()) {
      case OperatorNotification.KIND_GATE_OPENED ->
          run + " waits for approval at gate " + n.gate() + ": " + n.reason();
      case OperatorNotification.KIND_REMINDER ->
          run
              + " waits for approval at gate "
              + n.gate()
              + " for "
              + n.waitingMinutes()
              + " min: "
              + n.reason();
      case OperatorNotification.KIND_APPROVAL_RECORDED ->
          run
              + ": "
              + n.approver()
              + (Boolean.TRUE.equals(n.approved()) ? " approved" : " rejected")
              + " gate "
              + n.gate()
              + (n.reason() == null || n.reason().isBlank() ? "" : " (" + n.reason() + ")");
      case OperatorNotification.KIND_INTERLOCK_REFUSAL ->
          run
              + ": the Azure deletion was refused ("
              + n.reason()
              + ") and nothing was deleted: "
              + n.error();
      case OperatorNotification.KIND_FAILED ->
          run + " failed at step " + n.step() + ": " + n.error();
      case OperatorNotification.KIND_CANCELLED ->
          run
              + " was cancelled at step "
              + n.step()
              + "; "
              + count(n.counts(), "transferred")
              + " of "
              + count(n.counts(), "total")
              + " projects are in "
              + n.destinationOrgId();
      case OperatorNotification.KIND_COMPLETED ->
          run
              + " completed at step "
              + n.step()
              + ": "
              + count(n.counts(), "transferred")
              + " of "
              + count(n.counts(), "total")
              + " projects moved to "
              + n.destinationOrgId();
      case OperatorNotification.KIND_BATCH_DIGEST ->
          "Neon migration batch "
              + n.batchId()
              + ": "
              + listed(n.counts())
              + (n.waitingAtGates() == null || n.waitingAtGates().isEmpty()
                  ? "; none waiting for approval"
                  : "; waiting for approval: " + listed(n.waitingAtGates()));
      default -> run + ": " + n.kind();
    };
  }

  private static int count(Map<String, Integer> counts, String key) {
    return counts == null ? 0 : counts.getOrDefault(key, 0);
  }

  private static String listed(Map<String, Integer> counts) {
    if (counts == null || counts.isEmpty()) {
      return "nothing yet";
    }
    return counts.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
