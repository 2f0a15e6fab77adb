package org.neonmigrate.workflows.migration;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.neonmigrate.workflows.activities.MigrationFailure;
import org.neonmigrate.workflows.activities.ProjectCheck;
import org.neonmigrate.workflows.activities.VerifyActivities;
import org.neonmigrate.workflows.activities.VerifyInput;
import org.neonmigrate.workflows.activities.VerifyOutcome;

/**
 * VERIFY: every inventoried project is in the destination with unchanged endpoint hosts, and the
 * source holds no project at all. Only then is the azure-deletion gate offered.
 */
final class VerifyStep {
  static final int CHUNK_SIZE = 400;
  private static final int PROBLEMS_IN_MESSAGE = 10;

  // Read-only and idempotent: retry with backoff (1s to 60s); 5 min covers reading 400 projects
  // under Neon's rate limit; after 30 min of failures a human should look.
  private final ActivityOptions verifyOptions =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(5))
          .setScheduleToCloseTimeout(Duration.ofMinutes(30))
          .setRetryOptions(NeonRetries.BACKOFF)
          .build();

  private final MigrationRequest request;
  private final MigrationProgress progress;

  VerifyStep(MigrationRequest request, MigrationProgress progress) {
    this.request = request;
    this.progress = progress;
  }

  void run() {
    progress.enter(Step.VERIFY, "Verifying projects in " + request.destinationOrgId());
    List<List<ProjectCheck>> chunks =
        ProjectInventory.inChunks(progress.projects().checks(), CHUNK_SIZE);
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      List<ProjectCheck> chunk = chunks.get(i);
      String summary =
          "verify chunk " + (i + 1) + "/" + chunks.size() + " (" + chunk.size() + " projects)";
      progress.describe("Verifying: " + summary);
      VerifyOutcome outcome =
          stub(summary).verifyProjects(new VerifyInput(request.destinationOrgId(), chunk));
      if (outcome.problems() != null) {
        problems.addAll(outcome.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw MigrationFailure.VerificationFailed.failure(
          problems.size()
              + " projects failed verification: "
              + String.join(
                  "; ", problems.subList(0, Math.min(problems.size(), PROBLEMS_IN_MESSAGE))));
    }
    int left =
        stub("count projects left in " + request.sourceOrgId())
            .countProjects(request.sourceOrgId());
    if (left != 0) {
      throw MigrationFailure.VerificationFailed.failure(
          "the source org "
              + request.sourceOrgId()
              + " still holds "
              + left
              + " projects; move or delete them before the Azure resource can go");
    }
  }

  private VerifyActivities stub(String summary) {
    return Workflow.newActivityStub(
        VerifyActivities.class, verifyOptions.toBuilder().setSummary(summary).build());
  }
}
