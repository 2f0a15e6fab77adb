package org.neonmigrate.sandbox.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neonmigrate.activities.azure.ArmDeletionProgress;
import org.neonmigrate.sandbox.arm.ArmSimulator;
import org.neonmigrate.sandbox.http.CallLog;
import org.neonmigrate.workflows.activities.AzureActivities;
import org.neonmigrate.workflows.activities.AzureBinding;
import org.neonmigrate.workflows.activities.AzureBindingInput;
import org.neonmigrate.workflows.activities.AzureDeletion;
import org.neonmigrate.workflows.activities.AzureDeletionInput;
import org.neonmigrate.workflows.activities.TransferChunk;

/**
 * The deletion activity against ARM as it really paces a deletion (Retry-After 10 s), and against a
 * DELETE that is carried out while its answer is lost.
 */
class ArmLikeDeletionTest extends ActivityHarness {

  private static final String ARM_DELETE = "DELETE " + ArmSimulator.RESOURCE_TEMPLATE;
  private static final String ARM_POLL = "GET " + ArmSimulator.OPERATION_TEMPLATE;

  /** Heartbeats of the running attempt, with when they were sent. */
  private record Beat(Instant at, ArmDeletionProgress details) {}

  @Test
  void aDeletionPacedLikeArmIsPolledAfterItsRetryAfterWithHeartbeatsMeanwhile() {
    emptyContoso();
    AzureBinding proven = prove();
    // ARM's guidance: at least 10 s between polls; the deletion itself takes 4 s here
    sims.arm().setLro(ArmSimulator.LroSettings.of(Duration.ofSeconds(4), 10));
    List<Beat> beats = listenToHeartbeats();
    // a heartbeat timeout shorter than the wait: the attempt survives only by heartbeating, and
    // the SDK's throttling (4/5 of the timeout) lets heartbeats reach the service within the wait
    AzureActivities shortLived =
        env.newActivityStub(
            AzureActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(2))
                .setHeartbeatTimeout(Duration.ofSeconds(8))
                .build());

    AzureDeletion deletion =
        shortLived.deleteAzureResource(
            new AzureDeletionInput(
                CONTOSO, resourceOf("contoso-free"), proven.resourceId(), false));

    CallLog.Call sent = only(ARM_DELETE);
    CallLog.Call polled = only(ARM_POLL);
    Duration waited = Duration.between(Instant.parse(sent.at()), Instant.parse(polled.at()));
    List<Beat> whileWaiting =
        beats.stream()
            .filter(b -> b.details() != null && b.details().location() != null)
            .filter(b -> b.at().isBefore(Instant.parse(polled.at())))
            .toList();
    System.out.printf(
        "ARM-like deletion: first poll %d ms after the DELETE, %d heartbeat(s) meanwhile%n",
        waited.toMillis(), whileWaiting.size());
    assertThat(deletion.deleted()).isTrue();
    assertThat(deletion.alreadyGone()).isFalse();
    assertThat(deletion.polls()).isEqualTo(1);
    assertThat(polled.status()).isEqualTo(200);
    // Retry-After: 10 is honoured, although the worker's own default here is 1 s
    assertThat(waited).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
    assertThat(whileWaiting).isNotEmpty();
    assertThat(whileWaiting).allSatisfy(b -> assertThat(b.details().sent()).isTrue());
    assertThat(sims.arm().state().find(SUBSCRIPTION, RESOURCE_GROUP, "contoso-free")).isEmpty();
  }

  @Test
  void aLostDeleteAnswerIsRetriedIntoAConfirmedDeletionWithoutASecondDelete() {
    emptyContoso();
    AzureBinding proven = prove();
    sims.arm().setLro(ArmSimulator.LroSettings.of(Duration.ofSeconds(2), 1));
    // every DELETE is carried out and its answer lost: a second one would fail too
    sims.arm().loseResponses(1.0);
    List<Beat> beats = listenToHeartbeats();

    ApplicationFailure first = failureOf(() -> delete(proven));

    assertThat(first.getType()).isEqualTo("AzureDeletionOutcomeUnknown");
    assertThat(first.isNonRetryable()).as("a retry must look again").isFalse();
    assertThat(sims.arm().state().deletions())
        .singleElement()
        .satisfies(d -> assertThat(d.projectsInOrg()).isZero());
    ArmDeletionProgress recorded = lastRecorded(beats);
    assertThat(recorded.sent()).isTrue();

    // Temporal's retry: the next attempt gets what the lost one heartbeated last
    env.setHeartbeatDetails(recorded);
    AzureDeletion retried = delete(proven);

    assertThat(retried.deleted()).isTrue();
    assertThat(retried.alreadyGone()).isFalse();
    assertThat(sims.arm().calls().count(ARM_DELETE)).isEqualTo(1);
    assertThat(sims.arm().state().find(SUBSCRIPTION, RESOURCE_GROUP, "contoso-free")).isEmpty();
    // the outcome was confirmed by a GET that found the resource itself gone
    assertThat(sims.arm().calls().count("GET " + ArmSimulator.RESOURCE_TEMPLATE, 404))
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void aLostDeleteAnswerWhoseDeletionAlreadyEndedIsReportedDeletedNotAlreadyGone()
      throws InterruptedException {
    emptyContoso();
    AzureBinding proven = prove();
    sims.arm().setLro(ArmSimulator.LroSettings.of(Duration.ofMillis(300), 1));
    sims.arm().loseResponses(1.0);
    List<Beat> beats = listenToHeartbeats();

    ApplicationFailure first = failureOf(() -> delete(proven));
    Thread.sleep(500);
    env.setHeartbeatDetails(lastRecorded(beats));
    AzureDeletion retried = delete(proven);

    assertThat(first.getType()).isEqualTo("AzureDeletionOutcomeUnknown");
    // the DELETE that removed it was this run's: DELETED, never "someone else's" or ALREADY_GONE
    assertThat(retried.deleted()).isTrue();
    assertThat(retried.alreadyGone()).isFalse();
    assertThat(sims.arm().calls().count(ARM_DELETE)).isEqualTo(1);
  }

  private List<Beat> listenToHeartbeats() {
    List<Beat> beats = Collections.synchronizedList(new ArrayList<>());
    env.setActivityHeartbeatListener(
        ArmDeletionProgress.class, details -> beats.add(new Beat(Instant.now(), details)));
    return beats;
  }

  private static ArmDeletionProgress lastRecorded(List<Beat> beats) {
    List<ArmDeletionProgress> recorded =
        beats.stream().map(Beat::details).filter(d -> d != null).toList();
    assertThat(recorded).as("deletion heartbeats").isNotEmpty();
    return recorded.get(recorded.size() - 1);
  }

  private static CallLog.Call only(String route) {
    List<CallLog.Call> calls =
        sims.arm().calls().recent(500).stream().filter(c -> c.route().equals(route)).toList();
    assertThat(calls).as(route).hasSize(1);
    return calls.get(0);
  }

  private AzureBinding prove() {
    return azure.proveAzureResource(new AzureBindingInput(CONTOSO, resourceOf("contoso-free")));
  }

  private AzureDeletion delete(AzureBinding proven) {
    return azure.deleteAzureResource(
        new AzureDeletionInput(CONTOSO, resourceOf("contoso-free"), proven.resourceId(), false));
  }

  private void emptyContoso() {
    List<String> ids = sims.neon().state().projectIds(CONTOSO);
    transfer.transferProjects(new TransferChunk(CONTOSO, CONTOSO_NM, ids));
    assertThat(sims.neon().state().projectCount(CONTOSO)).isZero();
  }
}
