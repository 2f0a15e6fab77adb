package org.neonmigrate.workflows.migration;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.neonmigrate.workflows.activities.ActivityCatalogue;
import org.neonmigrate.workflows.activities.DiscoveryActivities;
import org.neonmigrate.workflows.activities.MigrationFailure;
import org.neonmigrate.workflows.activities.ProjectCheck;
import org.neonmigrate.workflows.activities.ProjectPage;
import org.neonmigrate.workflows.activities.ProjectPageInput;
import org.neonmigrate.workflows.activities.ProjectSnapshot;
import org.neonmigrate.workflows.activities.VerifyActivities;
import org.neonmigrate.workflows.activities.VerifyInput;
import org.neonmigrate.workflows.activities.VerifyOutcome;

/**
 * VERIFY: every inventoried project is in the destination with unchanged endpoint hosts; then the
 * source is listed, and whatever it still holds (projects created there since DISCOVER) is handed
 * back to be moved. Only an empty source leads to the azure-deletion gate.
 */
final class VerifyStep {
  static final int CHUNK_SIZE = 400;
  private static final int PROBLEMS_IN_MESSAGE = 10;

  private final ActivityOptions verifyOptions = ActivityCatalogue.VERIFY;

  private final MigrationRequest request;
  private final MigrationProgress progress;

  VerifyStep(MigrationRequest request, MigrationProgress progress) {
    this.request = request;
    this.progress = progress;
  }

  /**
   * Fails with {@code VerificationFailed} naming the projects that are not where they should be.
   */
  void verify(List<ProjectCheck> checks) {
    progress.enter(Step.VERIFY, "Verifying projects in " + request.destinationOrgId());
    List<List<ProjectCheck>> chunks = ProjectInventory.inChunks(checks, CHUNK_SIZE);
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      List<ProjectCheck> chunk = chunks.get(i);
      String summary =
          "verify chunk "
              + (i + 1)
              + "/"
              + chunks.size()
              + " ("
              + MigrationTexts.projects(chunk.size())
              + ")";
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
  }

  /**
   * Every project the source still holds, snapshotted as DISCOVER does (a complete, well-formed
   * listing; an empty source costs one call).
   */
  List<ProjectSnapshot> sourceLeftovers() {
    progress.describe("Listing what is left in " + request.sourceOrgId());
    DiscoveryActivities reads =
        Workflow.newActivityStub(
            DiscoveryActivities.class,
            verifyOptions.toBuilder()
                .setSummary("list projects left in " + request.sourceOrgId())
                .build());
    List<ProjectSnapshot> left = new ArrayList<>();
    String cursor = null;
    do {
      ProjectPage page =
          reads.inventoryProjects(
              new ProjectPageInput(request.sourceOrgId(), cursor, DiscoveryStep.PAGE_SIZE));
      left.addAll(page.projects());
      cursor = page.nextCursor();
    } while (cursor != null && !cursor.isBlank());
    return left;
  }

  private VerifyActivities stub(String summary) {
    return Workflow.newActivityStub(
        VerifyActivities.class, verifyOptions.toBuilder().setSummary(summary).build());
  }
}
