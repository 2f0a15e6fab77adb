package org.neonmigrate.workflows.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cancel that lands between two attempts of a transfer. In real time: with time skipping, the
 * retry backoffs (and the activity's hour-long budget) would pass before the cancel arrives.
 */
class TransferCancelBetweenAttemptsTest extends MigrationFixtures {

  private TestWorkflowEnvironment env;
  private Worker worker;
  private WorkflowClient client;

  @BeforeEach
  void realTimeEnvironment() {
    happyPath();
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    for (String name : List.of("MigrationStep", "SourceOrgId", "BatchId")) {
      env.registerSearchAttribute(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    worker = env.newWorker("neon-migrations-test");
    worker.registerWorkflowImplementationTypes(OrgMigrationWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        discovery, transfer, reconfigure, verify, azure, notifications);
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void closeEnvironment() {
    try {
      env.close();
    } catch (StatusRuntimeException alreadyShutDown) {
      // SDK 1.38: with time skipping off, close() unlocks it after shutting its own channel down
    }
  }

  @Test
  void aCancelBetweenTransferAttemptsWaitsOutTheUnansweredPostBeforeReporting() throws Exception {
    // Neon: the first POST's answer is lost, and its projects move a second and a half later
    AtomicBoolean moved = new AtomicBoolean();
    CountDownLatch sent = new CountDownLatch(1);
    doAnswer(
            inv -> {
              if (sent.getCount() > 0) {
                CompletableFuture.delayedExecutor(1_500, TimeUnit.MILLISECONDS)
                    .execute(() -> moved.set(true));
                sent.countDown();
                throw ApplicationFailure.newFailure("transfer got no answer", "NeonUnavailable");
              }
              // a retry that starts before the cancel lands waits for the lost POST to settle,
              // as the real activity does, and reports what moved
              for (int i = 0; i < 200 && !moved.get(); i++) {
                Thread.sleep(50);
              }
              return moved(inv.getArgument(0));
            })
        .when(transfer)
        .transferProjects(any());
    doAnswer(
            inv -> {
              while (!moved.get()) {
                Thread.sleep(50);
              }
              return moved(inv.getArgument(0));
            })
        .when(transfer)
        .locateChunk(any());
    when(verify.countProjects(SOURCE)).thenAnswer(inv -> moved.get() ? 0 : 3);
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), request(false));
    assertThat(sent.await(30, TimeUnit.SECONDS)).isTrue();

    WorkflowStub.fromTyped(workflow).cancel();

    assertThatThrownBy(
            () -> WorkflowStub.fromTyped(workflow).getResult(60, TimeUnit.SECONDS, Object.class))
        .hasCauseInstanceOf(CanceledFailure.class);
    MigrationReport report = workflow.report();
    assertThat(report.finalStep()).isEqualTo(Step.CANCELLED);
    assertThat(report.projectsInDestination()).containsExactly("p-1", "p-2", "p-3");
    assertThat(report.projectsInSource()).isEmpty();
    verify(azure, never()).deleteAzureResource(any());
  }
}
