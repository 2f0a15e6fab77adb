package org.neonmigrate.workflows.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.neonmigrate.workflows.batch.FakeOrgMigration.Behaviour;
import org.neonmigrate.workflows.migration.MigrationRequest;

class BatchPagingTest extends BatchWorkflowTestBase {

  @Test
  void aBatchWaitsForEveryPageBeforeItFinishesAndReportsEveryOrgInOrder() {
    range(1, 7).forEach(m -> FakeOrgMigration.behaviours.put(m.sourceOrgId(), Behaviour.INSTANT));
    startBatch(paged("paged", range(1, 3), 7));

    BatchProgress firstPageDone = waitFor("paged", p -> p.finished() == 3);
    assertThat(firstPageDone.notReceived()).isEqualTo(4);
    assertThat(status("paged"))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

    BatchMigrationWorkflow batch = existingBatch("paged");
    BatchPageAck second = batch.addMigrations(new BatchPage(2, range(4, 5)));
    BatchPageAck again = batch.addMigrations(new BatchPage(2, range(4, 5)));
    BatchPageAck third = batch.addMigrations(new BatchPage(3, range(6, 7)));

    assertThat(second).isEqualTo(new BatchPageAck(2, 2, 5, 7, false));
    assertThat(again).isEqualTo(new BatchPageAck(2, 2, 5, 7, true));
    assertThat(third).isEqualTo(new BatchPageAck(3, 2, 7, 7, false));
    BatchReport report = WorkflowStub.fromTyped(batch).getResult(BatchReport.class);
    assertThat(report.total()).isEqualTo(7);
    assertThat(report.completed()).isEqualTo(7);
    assertThat(report.orgs())
        .extracting(OrgOutcome::sourceOrgId)
        .containsExactly("org-1", "org-2", "org-3", "org-4", "org-5", "org-6", "org-7");
  }

  @Test
  void badPagesAreRefusedAndChangeNothing() {
    startBatch(paged("refusals", range(1, 2), 5));
    BatchMigrationWorkflow batch = existingBatch("refusals");
    batch.addMigrations(new BatchPage(2, range(3, 3)));

    assertRefused(() -> batch.addMigrations(new BatchPage(1, range(3, 3))), "numbered from 2");
    assertRefused(() -> batch.addMigrations(new BatchPage(3, List.of())), "must have migrations");
    assertRefused(
        () -> batch.addMigrations(new BatchPage(3, range(2, 3))), "duplicated: org-2, org-3");
    assertRefused(
        () -> batch.addMigrations(new BatchPage(3, range(4, 6))), "beyond its expectedTotal of 5");
    assertRefused(
        () -> batch.addMigrations(new BatchPage(2, range(4, 4))), "received before with other");
    assertRefused(
        () -> batch.addMigrations(new BatchPage(3, range(10, 10 + BatchRequest.MAX_PAGE_SIZE))),
        "at most 1000 migrations per page");

    BatchProgress progress = batch.progress();
    assertThat(progress.total()).isEqualTo(5);
    assertThat(progress.notReceived()).isEqualTo(2);
  }

  @Test
  void aFirstPageLargerThanAPageOrAnExpectedTotalBeyondTheCapIsRefusedAtTheStart() {
    assertInvalidStart(
        paged("too-big-page", range(1, BatchRequest.MAX_PAGE_SIZE + 1), 2_000),
        "at most 1000 migrations per page");
    assertInvalidStart(
        paged("too-many", range(1, 2), BatchRequest.MAX_TOTAL + 1),
        "at most 5000 migrations per batch");
    assertInvalidStart(paged("too-few", range(1, 3), 2), "expectedTotal must be at least the 3");
  }

  private void assertInvalidStart(BatchRequest request, String problem) {
    assertThatThrownBy(() -> newBatchStub(request.batchId()).migrateAll(request))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> assertThat(failure.getOriginalMessage()).contains(problem));
  }

  private static void assertRefused(Runnable update, String problem) {
    assertThatThrownBy(update::run)
        .isInstanceOf(WorkflowUpdateException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> assertThat(failure.getOriginalMessage()).contains(problem));
  }

  private WorkflowExecutionStatus status(String batchId) {
    return WorkflowStub.fromTyped(existingBatch(batchId)).describe().getStatus();
  }

  private static BatchRequest paged(String id, List<MigrationRequest> firstPage, int total) {
    return new BatchRequest(id, firstPage, total, 3, "ops@partner.example", null, null, null, null);
  }

  private static List<MigrationRequest> range(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(i -> migration("org-" + i)).toList();
  }
}
