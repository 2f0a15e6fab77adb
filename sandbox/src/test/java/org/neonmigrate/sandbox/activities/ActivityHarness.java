package org.neonmigrate.sandbox.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micronaut.context.ApplicationContext;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.neonmigrate.activities.AzureActivitiesImpl;
import org.neonmigrate.activities.DiscoveryActivitiesImpl;
import org.neonmigrate.activities.ReconfigureActivitiesImpl;
import org.neonmigrate.activities.TransferActivitiesImpl;
import org.neonmigrate.activities.VerifyActivitiesImpl;
import org.neonmigrate.sandbox.SimulatorFixture;
import org.neonmigrate.sandbox.arm.ArmSimulator;
import org.neonmigrate.sandbox.neon.RateLimits;
import org.neonmigrate.workflows.activities.AzureActivities;
import org.neonmigrate.workflows.activities.DiscoveryActivities;
import org.neonmigrate.workflows.activities.ReconfigureActivities;
import org.neonmigrate.workflows.activities.TransferActivities;
import org.neonmigrate.workflows.activities.VerifyActivities;
import org.neonmigrate.workflows.migration.AzureResource;

/**
 * The real activity beans, configured against both simulators (ephemeral ports), run through
 * Temporal's {@link TestActivityEnvironment} so heartbeats and failure conversion are real.
 */
abstract class ActivityHarness extends SimulatorFixture {

  static final String SUBSCRIPTION = "00000000-0000-4000-8000-0000000a2e5d";
  static final String RESOURCE_GROUP = "neon-sandbox-rg";

  /**
   * Generous: the budget and the simulator's own limits are lifted except where a test lowers them.
   */
  static final RateLimits.Settings UNLIMITED = new RateLimits.Settings(1_000_000, 100_000);

  /** The Neon client's read timeout here (60 s in production). */
  static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

  /** How long an unanswered transfer is given to show its effect here (120 s in production). */
  static final Duration SETTLE_WINDOW = Duration.ofSeconds(8);

  static ApplicationContext context;
  static Path dropDir;

  TestActivityEnvironment env;
  DiscoveryActivities discovery;
  TransferActivities transfer;
  ReconfigureActivities reconfigure;
  VerifyActivities verify;
  AzureActivities azure;

  @BeforeAll
  static void startContext() throws IOException {
    dropDir = Files.createTempDirectory("neonmigrate-keys").resolve("drop");
    Map<String, Object> properties = new HashMap<>();
    properties.put("neon.budget.mode", "local");
    properties.put("neon.api.url", sims.neon().baseUrl());
    properties.put("neon.api.key", KEY);
    properties.put("neon.budget.per-minute", "1000000");
    properties.put("neon.budget.per-route-per-second", "100000");
    // short enough that a slow transfer POST outlives it, long enough for every other call here
    properties.put("neon.api.read-timeout", READ_TIMEOUT.toMillis() + "ms");
    properties.put("neon.transfer.settle-window", SETTLE_WINDOW.toMillis() + "ms");
    properties.put("neon.transfer.settle-poll", "200ms");
    properties.put("azure.arm.url", sims.arm().baseUrl());
    properties.put("azure.static-token", ArmSimulator.DEFAULT_TOKEN);
    properties.put("azure.arm.default-poll-interval", "1s");
    properties.put("api-keys.drop-dir", dropDir.toString());
    context = ApplicationContext.builder().deduceEnvironment(false).properties(properties).start();
  }

  @AfterAll
  static void stopContext() {
    context.close();
  }

  @BeforeEach
  void newEnvironment() {
    sims.neon().rateLimits().update(UNLIMITED);
    sims.arm().setLro(new ArmSimulator.LroSettings(2_000, 1));
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        context.getBean(DiscoveryActivitiesImpl.class),
        context.getBean(TransferActivitiesImpl.class),
        context.getBean(ReconfigureActivitiesImpl.class),
        context.getBean(VerifyActivitiesImpl.class),
        context.getBean(AzureActivitiesImpl.class));
    ActivityOptions options =
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(2))
            .setHeartbeatTimeout(Duration.ofSeconds(30))
            .build();
    discovery = env.newActivityStub(DiscoveryActivities.class, options);
    transfer = env.newActivityStub(TransferActivities.class, options);
    reconfigure = env.newActivityStub(ReconfigureActivities.class, options);
    verify = env.newActivityStub(VerifyActivities.class, options);
    azure = env.newActivityStub(AzureActivities.class, options);
  }

  @AfterEach
  void closeEnvironment() {
    env.close();
  }

  static AzureResource resourceOf(String demoName) {
    return new AzureResource(SUBSCRIPTION, RESOURCE_GROUP, demoName);
  }

  /** The failure an activity call ended with, as the workflow would see it. */
  static ApplicationFailure failureOf(Runnable call) {
    ActivityFailure failure = catchThrowableOfType(ActivityFailure.class, call::run);
    assertThat(failure).as("the activity should have failed").isNotNull();
    assertThat(failure.getCause()).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) failure.getCause();
  }
}
