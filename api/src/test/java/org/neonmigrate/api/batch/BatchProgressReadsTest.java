package org.neonmigrate.api.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.neonmigrate.workflows.batch.BatchMigrationWorkflow;
import org.neonmigrate.workflows.batch.BatchProgress;

/** The read path of {@code GET /batches/{id}} against a batch whose query answers when told. */
class BatchProgressReadsTest {
  private static final String BATCH = "b1";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final BatchRuns runs = mock(BatchRuns.class);
  private final BatchMigrationWorkflow batch = mock(BatchMigrationWorkflow.class);
  private final AtomicInteger queries = new AtomicInteger();
  private final AtomicReference<CompletableFuture<BatchProgress>> nextAnswer =
      new AtomicReference<>();
  private final ExecutorService readers = Executors.newFixedThreadPool(20);
  private BatchProgressReads reads;

  private void setUp(WorkflowExecutionStatus status, String runId) {
    when(runs.describe(BATCH)).thenReturn(description(status, runId));
    when(runs.typed(BATCH)).thenReturn(batch);
    when(batch.progress())
        .thenAnswer(
            call -> {
              queries.incrementAndGet();
              return nextAnswer.get().join();
            });
    reads =
        new BatchProgressReads(runs, new BatchProgressSettings(Duration.ofSeconds(1), 10), clock);
  }

  @AfterEach
  void tearDown() {
    readers.shutdownNow();
    if (reads != null) {
      reads.close();
    }
  }

  @Test
  void concurrentReadsShareOneQueryAndAnAnswerIsServedAgainWhileYoungerThanMaxAge()
      throws Exception {
    setUp(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, "run-1");
    CompletableFuture<BatchProgress> first = new CompletableFuture<>();
    nextAnswer.set(first);
    List<Future<BatchProgressAnswer>> answers = new ArrayList<>();
    CountDownLatch asked = new CountDownLatch(20);
    for (int i = 0; i < 20; i++) {
      answers.add(
          readers.submit(
              () -> {
                asked.countDown();
                return reads.read(BATCH);
              }));
    }
    asked.await();
    Thread.sleep(200);
    first.complete(progress(3));
    for (Future<BatchProgressAnswer> answer : answers) {
      BatchProgressAnswer a = answer.get(5, TimeUnit.SECONDS);
      assertThat(a.finished()).isEqualTo(3);
      assertThat(a.stale()).isFalse();
      assertThat(a.staleReason()).isNull();
      assertThat(a.asOf()).isEqualTo("2026-12-01T10:00:00Z");
    }
    assertThat(queries).hasValue(1);

    clock.advance(Duration.ofMillis(900));
    assertThat(reads.read(BATCH).finished()).isEqualTo(3);
    assertThat(queries).hasValue(1);

    clock.advance(Duration.ofMillis(200));
    nextAnswer.set(CompletableFuture.completedFuture(progress(4)));
    // at once: the older answer, marked stale, unless the new one is already there
    BatchProgressAnswer next = reads.read(BATCH);
    assertThat(next.finished()).isEqualTo(next.stale() ? 3 : 4);
    BatchProgressAnswer later = awaitFresh();
    assertThat(later.finished()).isEqualTo(4);
    assertThat(later.asOf()).isEqualTo("2026-12-01T10:00:01.100Z");
    assertThat(queries).hasValue(2);
  }

  @Test
  void anOlderAnswerIsServedAtOnceMarkedStaleWhileTheBatchIsAskedAgain() throws Exception {
    setUp(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, "run-1");
    nextAnswer.set(CompletableFuture.completedFuture(progress(3)));
    reads.read(BATCH);
    clock.advance(Duration.ofSeconds(5));
    CompletableFuture<BatchProgress> slow = new CompletableFuture<>();
    nextAnswer.set(slow);

    BatchProgressAnswer stale = reads.read(BATCH);
    assertThat(stale.stale()).isTrue();
    assertThat(stale.staleReason()).contains("has not answered yet");
    assertThat(stale.finished()).isEqualTo(3);
    assertThat(stale.asOf()).isEqualTo("2026-12-01T10:00:00Z");
    assertThat(reads.read(BATCH).stale()).isTrue();

    slow.complete(progress(7));
    BatchProgressAnswer fresh = awaitFresh();
    assertThat(fresh.finished()).isEqualTo(7);
    assertThat(fresh.asOf()).isEqualTo("2026-12-01T10:00:05Z");
    // the slow query was shared, not asked again by each read
    assertThat(queries).hasValue(2);
  }

  @Test
  void theBatchsNewRunIsAskedWhileTheLastAnswerOfThePreviousOneIsServedStale() throws Exception {
    setUp(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, "run-1");
    nextAnswer.set(CompletableFuture.completedFuture(progress(3)));
    reads.read(BATCH);
    when(runs.describe(BATCH))
        .thenReturn(
            description(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, "run-2"));
    clock.advance(Duration.ofSeconds(2));
    CompletableFuture<BatchProgress> newRun = new CompletableFuture<>();
    nextAnswer.set(newRun);

    BatchProgressAnswer stale = reads.read(BATCH);
    assertThat(stale.stale()).isTrue();
    assertThat(stale.finished()).isEqualTo(3);

    newRun.complete(progress(4));
    assertThat(awaitFresh().finished()).isEqualTo(4);
  }

  @Test
  void aFailedQueryIsNamedInTheStaleReasonAndAFirstReadFailsAsTheQueryFailed() throws Exception {
    setUp(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, "run-1");
    nextAnswer.set(
        CompletableFuture.failedFuture(new StatusRuntimeException(Status.RESOURCE_EXHAUSTED)));
    assertThatThrownBy(() -> reads.read(BATCH)).isInstanceOf(StatusRuntimeException.class);

    nextAnswer.set(CompletableFuture.completedFuture(progress(2)));
    reads.read(BATCH);
    clock.advance(Duration.ofSeconds(2));
    nextAnswer.set(
        CompletableFuture.failedFuture(new StatusRuntimeException(Status.RESOURCE_EXHAUSTED)));
    reads.read(BATCH);
    BatchProgressAnswer stale = awaitReason("RESOURCE_EXHAUSTED");
    assertThat(stale.stale()).isTrue();
    assertThat(stale.finished()).isEqualTo(2);
    assertThat(stale.asOf()).isEqualTo("2026-12-01T10:00:00Z");
  }

  @Test
  void afterAChangeAReadWaitsForTheNewAnswerAndServesTheLastOneOnlyIfTemporalFails() {
    setUp(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, "run-1");
    nextAnswer.set(CompletableFuture.completedFuture(progress(1)));
    reads.read(BATCH);
    reads.changed(BATCH);
    nextAnswer.set(
        CompletableFuture.failedFuture(new StatusRuntimeException(Status.DEADLINE_EXCEEDED)));
    BatchProgressAnswer stale = reads.read(BATCH);
    assertThat(stale.stale()).isTrue();
    assertThat(stale.staleReason()).contains("DEADLINE_EXCEEDED");

    // anything else is not papered over
    nextAnswer.set(CompletableFuture.failedFuture(new IllegalArgumentException("bad")));
    assertThatThrownBy(() -> reads.read(BATCH)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aChangeSentThroughTheApiMakesTheNextReadAskAgain() {
    setUp(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, "run-1");
    nextAnswer.set(CompletableFuture.completedFuture(progress(1)));
    reads.read(BATCH);
    reads.changed(BATCH);
    nextAnswer.set(CompletableFuture.completedFuture(progress(2)));

    assertThat(reads.read(BATCH).finished()).isEqualTo(2);
    assertThat(queries).hasValue(2);
  }

  @Test
  void aFreshAnswerIsServedWithoutAskingTemporalAndAClosedBatchsAnswerIsKept() throws Exception {
    setUp(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, "run-1");
    nextAnswer.set(CompletableFuture.completedFuture(progress(1)));
    reads.read(BATCH);
    reads.read(BATCH);
    verify(runs, times(1)).describe(BATCH);

    when(runs.describe(BATCH))
        .thenReturn(
            description(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED, "run-1"));
    nextAnswer.set(CompletableFuture.completedFuture(progress(10)));
    clock.advance(Duration.ofSeconds(2));
    BatchProgressAnswer closed = awaitFresh();
    assertThat(closed.finished()).isEqualTo(10);
    clock.advance(Duration.ofHours(1));
    BatchProgressAnswer kept = reads.read(BATCH);
    assertThat(kept.finished()).isEqualTo(10);
    assertThat(kept.stale()).isFalse();
    assertThat(queries).hasValue(2);
  }

  private BatchProgressAnswer awaitReason(String text) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      BatchProgressAnswer answer = reads.read(BATCH);
      if (String.valueOf(answer.staleReason()).contains(text) || System.nanoTime() > deadline) {
        return answer;
      }
      Thread.sleep(20);
    }
  }

  private BatchProgressAnswer awaitFresh() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      BatchProgressAnswer answer = reads.read(BATCH);
      if (!answer.stale() || System.nanoTime() > deadline) {
        return answer;
      }
      Thread.sleep(20);
    }
  }

  private static BatchProgress progress(int finished) {
    return new BatchProgress(
        BATCH,
        10,
        10 - finished,
        finished,
        0,
        0,
        finished,
        finished,
        0,
        0,
        5,
        Map.of(),
        List.of(),
        0,
        null,
        null,
        false,
        1);
  }

  private static WorkflowExecutionDescription description(
      WorkflowExecutionStatus status, String runId) {
    DescribeWorkflowExecutionResponse response =
        DescribeWorkflowExecutionResponse.newBuilder()
            .setWorkflowExecutionInfo(
                WorkflowExecutionInfo.newBuilder()
                    .setExecution(
                        WorkflowExecution.newBuilder()
                            .setWorkflowId("batch-" + BATCH)
                            .setRunId(runId))
                    .setStatus(status))
            .build();
    return new WorkflowExecutionDescription(response, DefaultDataConverter.newDefaultInstance());
  }

  private static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
