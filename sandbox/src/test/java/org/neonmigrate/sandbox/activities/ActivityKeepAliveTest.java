package org.neonmigrate.sandbox.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neonmigrate.activities.ActivityHeartbeat;

/**
 * A call that blocks longer than the activity's heartbeat timeout (a slow Neon or ARM answer, a
 * budget lease) must not look like a lost worker, and the heartbeats sent for it must not erase
 * what the activity recorded for its next attempt. Real time on the in-memory server, which
 * enforces heartbeat timeouts.
 */
class ActivityKeepAliveTest {
  private static final String QUEUE = "keep-alive-test";
  private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(1);
  private static final long CALL_MILLIS = 3_000;

  private TestWorkflowEnvironment env;

  @WorkflowInterface
  public interface CallerWorkflow {
    @WorkflowMethod
    String call(String mode);
  }

  @ActivityInterface
  public interface SlowCalls {
    String slowCall(String mode);
  }

  public static class CallerWorkflowImpl implements CallerWorkflow {
    @Override
    public String call(String mode) {
      return Workflow.newActivityStub(
              SlowCalls.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofSeconds(30))
                  .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
                  .setRetryOptions(
                      RetryOptions.newBuilder()
                          .setInitialInterval(Duration.ofMillis(100))
                          .setMaximumAttempts(mode.equals("details") ? 2 : 1)
                          .build())
                  .build())
          .slowCall(mode);
    }
  }

  public static class SlowCallsImpl implements SlowCalls {
    @Override
    public String slowCall(String mode) {
      if (ActivityHeartbeat.attempt() > 1) {
        return ActivityHeartbeat.previousDetails(String.class).orElse("nothing recorded");
      }
      switch (mode) {
        case "keep-alive" -> {
          ActivityHeartbeat.beat();
          ActivityHeartbeat.keepingAlive(SlowCallsImpl::block);
          return "answered";
        }
        case "silent" -> {
          ActivityHeartbeat.beat();
          block();
          return "answered";
        }
        case "details" -> {
          ActivityHeartbeat.record("post sent at 42");
          ActivityHeartbeat.keepingAlive(SlowCallsImpl::block);
          throw ApplicationFailure.newFailure("the answer was lost", "Unavailable");
        }
        default -> throw new IllegalArgumentException(mode);
      }
    }

    private static Void block() {
      try {
        Thread.sleep(CALL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    }
  }

  @BeforeEach
  void start() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(CallerWorkflowImpl.class);
    worker.registerActivitiesImplementations(new SlowCallsImpl());
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private String run(String mode) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            CallerWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(QUEUE)
                .setWorkflowId("keep-alive-" + mode)
                .build())
        .call(mode);
  }

  @Test
  void aCallSlowerThanTheHeartbeatTimeoutIsNotTakenForALostWorker() {
    assertThat(run("keep-alive")).isEqualTo("answered");
  }

  @Test
  void withoutTheKeepAliveTheSameCallTimesOut() {
    WorkflowFailedException failed =
        catchThrowableOfType(WorkflowFailedException.class, () -> run("silent"));
    assertThat(failed.getCause()).isInstanceOf(ActivityFailure.class);
    assertThat(failed.getCause().getCause())
        .isInstanceOfSatisfying(
            TimeoutFailure.class,
            t -> assertThat(t.getTimeoutType()).isEqualTo(TimeoutType.TIMEOUT_TYPE_HEARTBEAT));
  }

  @Test
  void keepAliveHeartbeatsLeaveWhatTheActivityRecordedForItsNextAttempt() {
    assertThat(run("details")).isEqualTo("post sent at 42");
  }
}
