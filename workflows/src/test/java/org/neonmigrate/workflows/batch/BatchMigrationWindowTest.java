package org.neonmigrate.workflows.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neonmigrate.workflows.migration.Gate;
import org.neonmigrate.workflows.migration.Step;

class BatchMigrationWindowTest extends BatchWorkflowTestBase {
  private static final String DELETION = Gate.AZURE_DELETION.wireName();

  @Test
  void oneWindowSpansTheWavesAndWaitingChildrenFreeTheirSlots() {
    launch("window", migrations(12), 3, 4);

    BatchProgress allWaiting = waitFor("window", p -> p.awaitingHumanCount() == 12);

    assertThat(FakeOrgMigration.maxWorking.get()).isEqualTo(3);
    assertThat(allWaiting.notStarted()).isZero();
    assertThat(allWaiting.working()).isZero();
    assertThat(allWaiting.wavesNotArrived()).isZero();
    assertThat(allWaiting.awaitingByGate()).containsEntry(DELETION, 12);
    assertThat(allWaiting.waves())
        .extracting(WaveProgress::wave, WaveProgress::size, WaveProgress::waiting)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, 4, 4),
            org.assertj.core.groups.Tuple.tuple(2, 4, 4),
            org.assertj.core.groups.Tuple.tuple(3, 4, 4));
    assertThat(rows("window"))
        .hasSize(12)
        .allSatisfy(row -> assertThat(row.awaitingGate()).isEqualTo(DELETION))
        .allSatisfy(row -> assertThat(row.awaitingSince()).isNotBlank());
  }

  @Test
  void theNextWaveOnlyGetsTheSlotsTheLastOneLeaves() {
    // wave 1's two children work forever: the second wave may never run more than one at once
    FakeOrgMigration.behaviours.put("org-1", FakeOrgMigration.Behaviour.WORK_FOREVER);
    FakeOrgMigration.behaviours.put("org-2", FakeOrgMigration.Behaviour.WORK_FOREVER);
    launch("slots", migrations(8), 3, 2);

    BatchProgress progress = waitFor("slots", p -> p.awaitingHumanCount() == 6);

    assertThat(FakeOrgMigration.maxWorking.get()).isEqualTo(3);
    assertThat(progress.working()).isEqualTo(2);
    assertThat(progress.waves().get(0).working()).isEqualTo(2);
  }

  @Test
  void aBulkApprovalReachesEveryWaitingChildOfEveryWaveAndTheBatchCompletes() {
    launch("approve-all", migrations(8), 3, 3);
    waitFor("approve-all", p -> p.awaitingHumanCount() == 8);

    existingBatch("approve-all")
        .approveAll(new BulkDecision(DELETION, "alice@partner.example", true, "go"));

    BatchReport report = result("approve-all");
    assertThat(FakeOrgMigration.approved).hasSize(8);
    assertThat(report.completed()).isEqualTo(8);
    assertThat(report.waveWorkflowIds())
        .containsExactly(
            "batch-approve-all-wave-1", "batch-approve-all-wave-2", "batch-approve-all-wave-3");
    List<OrgOutcome> rows = rows("approve-all");
    assertThat(rows)
        .hasSize(8)
        .allSatisfy(row -> assertThat(row.step()).isEqualTo(Step.COMPLETED))
        .allSatisfy(row -> assertThat(row.projectsMoved()).isEqualTo(3))
        .allSatisfy(row -> assertThat(row.approvals()).contains("alice@partner.example"));
    assertThat(rows).extracting(OrgOutcome::sourceOrgId).startsWith("org-1", "org-2", "org-3");
  }

  @Test
  void aBulkRejectionFailsEveryWaitingChildWithItsReason() {
    launch("reject-all", migrations(4), 2, 2);
    waitFor("reject-all", p -> p.awaitingHumanCount() == 4);

    existingBatch("reject-all")
        .rejectAll(new BulkDecision(DELETION, "bob@partner.example", false, "wrong destination"));

    BatchReport report = result("reject-all");
    assertThat(report.failed()).isEqualTo(4);
    assertThat(rows("reject-all"))
        .allSatisfy(row -> assertThat(row.error()).contains("wrong destination"));
  }

  @Test
  void pauseStopsNewStartsAndResumeRestartsThem() {
    BatchMigrationWorkflow batch = launch("pause", migrations(6), 2, 3);
    batch.pause(new BatchControl("ops@partner.example", "Neon maintenance window"));
    env.sleep(Duration.ofMinutes(30));

    BatchProgress paused = existingBatch("pause").progress();
    env.sleep(Duration.ofHours(2));
    BatchProgress stillPaused = existingBatch("pause").progress();

    assertThat(paused.pausedBy()).isEqualTo("ops@partner.example");
    assertThat(paused.pauseReason()).isEqualTo("Neon maintenance window");
    assertThat(stillPaused.started()).isEqualTo(paused.started()).isLessThanOrEqualTo(2);
    assertThat(stillPaused.notStarted()).isGreaterThanOrEqualTo(4);

    existingBatch("pause").resume(new BatchControl("ops@partner.example", "done"));
    BatchProgress resumed = waitFor("pause", p -> p.awaitingHumanCount() == 6);
    assertThat(resumed.pausedBy()).isNull();
    assertThat(resumed.notStarted()).isZero();
  }
}
