package org.neonmigrate.sandbox.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.neonmigrate.sandbox.neon.Faults;
import org.neonmigrate.workflows.activities.ProjectCheck;
import org.neonmigrate.workflows.activities.ProjectPage;
import org.neonmigrate.workflows.activities.ProjectPageInput;
import org.neonmigrate.workflows.activities.ProjectSnapshot;
import org.neonmigrate.workflows.activities.TransferActivities;
import org.neonmigrate.workflows.activities.TransferChunk;
import org.neonmigrate.workflows.activities.TransferOutcome;
import org.neonmigrate.workflows.activities.VerifyInput;
import org.neonmigrate.workflows.activities.VerifyOutcome;

class TransferAndVerifyActivitiesTest extends ActivityHarness {

  private static final String TRANSFER = "POST /organizations/{org_id}/projects/transfer";

  @Test
  void aLostTransferResponseIsRetriedWithoutFailingOrSendingTheMoveTwice() {
    List<String> ids = sims.neon().state().projectIds(CONTOSO);
    sims.neon().faults().add(new Faults.OneShot(TRANSFER, 500, 1, Faults.When.AFTER));
    TransferChunk chunk = new TransferChunk(CONTOSO, CONTOSO_NM, ids);

    ApplicationFailure lost = failureOf(() -> transfer.transferProjects(chunk));
    assertThat(lost.isNonRetryable()).isFalse();
    TransferOutcome retried = transfer.transferProjects(chunk);

    assertThat(retried.transferred()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(retried.blocked()).isEmpty();
    assertThat(retried.limits()).isEmpty();
    assertThat(sims.neon().calls().count(TRANSFER)).isEqualTo(1);
    assertThat(sims.neon().state().projectIds(CONTOSO_NM)).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(sims.neon().state().projectCount(CONTOSO)).isZero();
  }

  @Test
  void aLostAnswerWhileNeonIsStillMovingTheProjectsIsWaitedOutNotSentAgain() {
    List<String> ids = sims.neon().state().projectIds(CONTOSO);
    sims.neon().faults().update(new Faults.TransferPace(2_000, 0));
    sims.neon().faults().add(new Faults.OneShot(TRANSFER, 500, 1, Faults.When.AFTER));
    TransferChunk chunk = new TransferChunk(CONTOSO, CONTOSO_NM, ids);

    ApplicationFailure lost = failureOf(() -> transfer.transferProjects(chunk));
    assertThat(lost.isNonRetryable()).isFalse();
    assertThat(sims.neon().state().projectIds(CONTOSO)).as("not moved yet").hasSize(ids.size());
    TransferOutcome retried = transfer.transferProjects(chunk);

    assertThat(retried.transferred()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(retried.limits()).isEmpty();
    assertThat(sims.neon().calls().count(TRANSFER)).isEqualTo(1);
    assertThat(sims.neon().state().projectIds(CONTOSO_NM)).containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void aTransferThatOutlivesTheClientsReadTimeoutIsWaitedOutNotSentAgain() throws Exception {
    List<String> ids = sims.neon().state().projectIds(CONTOSO);
    long slow = READ_TIMEOUT.toMillis() + 2_000;
    sims.neon().faults().update(new Faults.TransferPace(slow, slow));
    TransferChunk chunk = new TransferChunk(CONTOSO, CONTOSO_NM, ids);

    ApplicationFailure timedOut = failureOf(() -> transfer.transferProjects(chunk));
    assertThat(timedOut.isNonRetryable()).isFalse();
    assertThat(timedOut.getOriginalMessage()).contains("got no answer");
    TransferOutcome retried = transfer.transferProjects(chunk);

    assertThat(retried.transferred()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(sims.neon().state().projectIds(CONTOSO_NM)).containsExactlyInAnyOrderElementsOf(ids);
    // the first POST is logged once its late answer is written
    for (int i = 0; i < 50 && sims.neon().calls().count(TRANSFER) == 0; i++) {
      Thread.sleep(100);
    }
    assertThat(sims.neon().calls().count(TRANSFER)).isEqualTo(1);
  }

  @Test
  void projectsAnUnansweredPostLeftInTheSourceAreSentAgainOnceTheSettleWindowIsOver() {
    List<String> ids = sims.neon().state().projectIds(CONTOSO);
    // refused before any work, then answered 500: the client cannot tell it from a lost answer
    sims.neon().faults().add(new Faults.OneShot(TRANSFER, 500, 1, Faults.When.BEFORE));
    TransferChunk chunk = new TransferChunk(CONTOSO, CONTOSO_NM, ids);

    // the window runs from the unanswered POST, which is sent after this
    long start = System.nanoTime();
    failureOf(() -> transfer.transferProjects(chunk));
    TransferOutcome retried = transfer.transferProjects(chunk);

    assertThat(retried.transferred()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(SETTLE_WINDOW.minusSeconds(1));
    assertThat(sims.neon().calls().count(TRANSFER, 500)).isEqualTo(1);
    assertThat(sims.neon().calls().count(TRANSFER, 200)).isEqualTo(1);
  }

  @Test
  void neonBlipsWhileWaitingForAnUnansweredPostAreLookedPastNotFailedOn() {
    List<String> ids = sims.neon().state().projectIds(CONTOSO);
    sims.neon().faults().add(new Faults.OneShot(TRANSFER, 500, 1, Faults.When.BEFORE));
    TransferChunk chunk = new TransferChunk(CONTOSO, CONTOSO_NM, ids);
    failureOf(() -> transfer.transferProjects(chunk));
    // every listing of the source fails twice while the retry waits out the unanswered POST
    sims.neon().faults().add(new Faults.OneShot("GET /projects", 503, 2, Faults.When.BEFORE));

    TransferOutcome retried = transfer.transferProjects(chunk);

    assertThat(retried.transferred()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(sims.neon().calls().count("GET /projects", 503)).isEqualTo(2);
    assertThat(sims.neon().calls().count(TRANSFER, 200)).isEqualTo(1);
    assertThat(sims.neon().state().projectIds(CONTOSO_NM)).containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void aCancelWhileWaitingForAnUnansweredPostStillReportsWhereTheProjectsEndedUp()
      throws Exception {
    List<String> ids = sims.neon().state().projectIds(CONTOSO);
    sims.neon().faults().update(new Faults.TransferPace(2_500, 0));
    sims.neon().faults().add(new Faults.OneShot(TRANSFER, 500, 1, Faults.When.AFTER));
    TransferChunk chunk = new TransferChunk(CONTOSO, CONTOSO_NM, ids);
    failureOf(() -> transfer.transferProjects(chunk));

    // heartbeats reach the (test) server often enough to carry the cancel into the wait
    TransferActivities quickHeartbeats =
        env.newActivityStub(
            TransferActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setHeartbeatTimeout(Duration.ofSeconds(1))
                .build());
    CompletableFuture<TransferOutcome> retried =
        CompletableFuture.supplyAsync(() -> quickHeartbeats.transferProjects(chunk));
    Thread.sleep(700);
    env.requestCancelActivity();

    TransferOutcome outcome = retried.get(30, TimeUnit.SECONDS);
    assertThat(outcome.transferred()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(sims.neon().calls().count(TRANSFER)).isEqualTo(1);
    assertThat(sims.neon().state().projectIds(CONTOSO_NM)).containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void locatingAChunkAfterACancelWaitsOutItsUnansweredPostAndSendsNothing() {
    List<String> ids = sims.neon().state().projectIds(CONTOSO);
    sims.neon().faults().update(new Faults.TransferPace(2_000, 0));
    sims.neon().faults().add(new Faults.OneShot(TRANSFER, 500, 1, Faults.When.AFTER));
    TransferChunk chunk = new TransferChunk(CONTOSO, CONTOSO_NM, ids);
    failureOf(() -> transfer.transferProjects(chunk));

    TransferOutcome located = transfer.locateChunk(chunk);

    assertThat(located.transferred()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(sims.neon().calls().count(TRANSFER)).isEqualTo(1);
  }

  @Test
  void projectsWithIntegrationsAreSetAsideAndTheRestStillMove() {
    List<String> ids = sims.neon().state().projectIds(TAILSPIN);

    TransferOutcome outcome =
        transfer.transferProjects(new TransferChunk(TAILSPIN, TAILSPIN_NM, ids));

    assertThat(outcome.blocked()).hasSize(1);
    assertThat(outcome.blocked().get(0).integrations()).containsExactly("github");
    assertThat(outcome.blocked().get(0).name()).isNotBlank();
    assertThat(outcome.transferred()).hasSize(ids.size() - 1);
    assertThat(outcome.transferred()).doesNotContain(outcome.blocked().get(0).projectId());
    assertThat(sims.neon().state().projectIds(TAILSPIN))
        .containsExactly(outcome.blocked().get(0).projectId());
  }

  @Test
  void aTooLowDestinationPlanComesBackAsLimitsAndMovesNothing() {
    List<String> ids = sims.neon().state().projectIds(FABRIKAM);

    TransferOutcome outcome =
        transfer.transferProjects(new TransferChunk(FABRIKAM, FABRIKAM_NM, ids));

    assertThat(outcome.transferred()).isEmpty();
    assertThat(outcome.limits()).contains("subscription_type: expected scale, actual free");
    assertThat(outcome.planUpgradeWouldHelp()).isTrue();
    assertThat(sims.neon().state().projectCount(FABRIKAM)).isEqualTo(ids.size());
  }

  @Test
  void inventoryPagesPastFourHundredProjects() {
    ProjectPage first = discovery.inventoryProjects(new ProjectPageInput(NORTHWIND, null, 400));
    assertThat(first.projects()).hasSize(400);
    assertThat(first.nextCursor()).isNotNull();

    ProjectPage second =
        discovery.inventoryProjects(new ProjectPageInput(NORTHWIND, first.nextCursor(), 400));
    ProjectPage rest = second;
    int total = first.projects().size() + second.projects().size();
    while (rest.nextCursor() != null) {
      rest = discovery.inventoryProjects(new ProjectPageInput(NORTHWIND, rest.nextCursor(), 400));
      total += rest.projects().size();
    }

    assertThat(total).isEqualTo(450);
    assertThat(second.nextCursor())
        .as("a short page followed by Neon's empty one ends the walk in the same activity")
        .isNull();
    assertThat(verify.countProjects(NORTHWIND)).isEqualTo(450);
    assertThat(first.projects())
        .allSatisfy(p -> assertThat(p.endpointDigest()).matches("[0-9a-f]{16}"));
    assertThat(first.projects().stream().flatMap(p -> p.collaborators().stream()))
        .contains("contractor@partner.example.com");
  }

  @Test
  void verifyPassesOnceMovedWithUnchangedHostsAndNamesWhatIsNotThere() {
    List<ProjectSnapshot> snapshots =
        discovery.inventoryProjects(new ProjectPageInput(CONTOSO, null, 400)).projects();
    List<ProjectCheck> checks =
        snapshots.stream().map(s -> new ProjectCheck(s.id(), s.endpointDigest())).toList();

    VerifyOutcome before = verify.verifyProjects(new VerifyInput(CONTOSO_NM, checks));
    assertThat(before.verified()).isZero();
    assertThat(before.problems())
        .hasSize(checks.size())
        .allMatch(p -> p.contains("in org " + CONTOSO));

    transfer.transferProjects(
        new TransferChunk(
            CONTOSO, CONTOSO_NM, checks.stream().map(ProjectCheck::projectId).toList()));
    VerifyOutcome after = verify.verifyProjects(new VerifyInput(CONTOSO_NM, checks));

    assertThat(after.problems()).isEmpty();
    assertThat(after.verified()).isEqualTo(checks.size());
    assertThat(verify.countProjects(CONTOSO)).isZero();
  }
}
