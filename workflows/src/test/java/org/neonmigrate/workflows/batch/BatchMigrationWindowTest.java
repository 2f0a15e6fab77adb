package org.neonmigrate.workflows.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowStub;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.neonmigrate.workflows.migration.Gate;
import org.neonmigrate.workflows.migration.Step;

class BatchMigrationWindowTest extends BatchWorkflowTestBase {
  private static final String DELETION = Gate.AZURE_DELETION.wireName();

  @Test
  void neverMoreThanConcurrencyChildrenWorkAtOnceAndWaitingChildrenFreeTheirSlots() {
    startBatch(batch("window", migrations(12), 3));

    BatchProgress allWaiting = waitFor("window", p -> p.awaitingHumanCount() == 12);

    assertThat(FakeOrgMigration.maxWorking.get()).isEqualTo(3);
    assertThat(allWaiting.notStarted()).isZero();
    assertThat(allWaiting.working()).isZero();
    assertThat(allWaiting.byStep()).containsEntry(Step.AZURE_DELETION.name(), 12);
    assertThat(allWaiting.awaitingHuman())
        .hasSize(12)
        .allSatisfy(w -> assertThat(w.gate()).isEqualTo(DELETION))
        .allSatisfy(w -> assertThat(w.since()).isNotBlank());
  }

  @Test
  void aBulkApprovalReachesEveryWaitingChildAndTheBatchCompletes() {
    startBatch(batch("approve-all", migrations(8), 3));
    waitFor("approve-all", p -> p.awaitingHumanCount() == 8);

    existingBatch("approve-all")
        .approveAll(new BulkDecision(DELETION, "alice@partner.example", true, "go"));

    BatchReport report =
        WorkflowStub.fromTyped(existingBatch("approve-all")).getResult(BatchReport.class);
    assertThat(FakeOrgMigration.approved).hasSize(8);
    assertThat(report.completed()).isEqualTo(8);
    assertThat(report.orgs())
        .hasSize(8)
        .allSatisfy(row -> assertThat(row.step()).isEqualTo(Step.COMPLETED))
        .allSatisfy(row -> assertThat(row.projectsMoved()).isEqualTo(3))
        .allSatisfy(row -> assertThat(row.approvals()).contains("alice@partner.example"));
  }

  @Test
  void aBulkRejectionFailsEveryWaitingChildWithItsReason() {
    startBatch(batch("reject-all", migrations(4), 2));
    waitFor("reject-all", p -> p.awaitingHumanCount() == 4);

    existingBatch("reject-all")
        .rejectAll(new BulkDecision(DELETION, "bob@partner.example", false, "wrong destination"));

    BatchReport report =
        WorkflowStub.fromTyped(existingBatch("reject-all")).getResult(BatchReport.class);
    assertThat(report.failed()).isEqualTo(4);
    assertThat(report.orgs())
        .allSatisfy(row -> assertThat(row.error()).contains("wrong destination"));
  }

  @Test
  void pauseStopsNewStartsAndResumeRestartsThem() {
    BatchMigrationWorkflow batch = startBatch(batch("pause", migrations(6), 2));
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
