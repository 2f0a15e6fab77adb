package org.neonmigrate.workflows.migration;

import java.util.List;
import org.neonmigrate.workflows.activities.MigrationFailure;
import org.neonmigrate.workflows.activities.ProjectSnapshot;

/**
 * Projects that appear in the source after DISCOVER (created in the Console mid-migration) are not
 * a failure: they go through TRANSFER, RECONFIGURE and VERIFY like the others, until the source is
 * empty.
 */
final class SourceSweep {
  /**
   * Past this many rounds something keeps creating projects in the source: a human must stop it.
   */
  static final int MAX_ROUNDS = 5;

  private final MigrationRequest request;
  private final MigrationProgress progress;
  private final TransferStep transfer;
  private final ReconfigureStep reconfigure;
  private final VerifyStep verify;

  SourceSweep(
      MigrationRequest request,
      MigrationProgress progress,
      TransferStep transfer,
      ReconfigureStep reconfigure,
      VerifyStep verify) {
    this.request = request;
    this.progress = progress;
    this.transfer = transfer;
    this.reconfigure = reconfigure;
    this.verify = verify;
  }

  /** Moves whatever the source still holds; returns how many projects that was. */
  int moveLeftovers() {
    int moved = 0;
    for (int round = 1; ; round++) {
      List<ProjectSnapshot> left = verify.sourceLeftovers();
      if (left.isEmpty()) {
        return moved;
      }
      if (round > MAX_ROUNDS) {
        throw MigrationFailure.VerificationFailed.failure(
            "the source org "
                + request.sourceOrgId()
                + " still holds "
                + left.size()
                + " projects after "
                + MAX_ROUNDS
                + " rounds of moving projects created there since DISCOVER; stop whatever creates"
                + " them, then start the migration again (nothing was deleted)");
      }
      List<String> ids = left.stream().map(ProjectSnapshot::id).toList();
      left.forEach(progress.projects()::addLeftover);
      progress.describe(
          ids.size() + " projects found in " + request.sourceOrgId() + " after the move: moving");
      transfer.run();
      reconfigure.runForLeftovers(ids);
      verify.verify(progress.projects().checks(ids));
      moved += ids.size();
    }
  }
}
