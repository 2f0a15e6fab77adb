package org.neonmigrate.sandbox.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.micronaut.context.ApplicationContext;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neonmigrate.activities.FleetPlanActivitiesImpl;
import org.neonmigrate.sandbox.SimulatorFixture;
import org.neonmigrate.sandbox.arm.ArmSimulator;
import org.neonmigrate.sandbox.seed.SandboxSeed;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.fleet.DestinationRule;
import org.neonmigrate.workflows.fleet.FleetPlan;
import org.neonmigrate.workflows.fleet.FleetPlanPages;
import org.neonmigrate.workflows.fleet.FleetPlanRequest;
import org.neonmigrate.workflows.fleet.FleetPlanRow;
import org.neonmigrate.workflows.fleet.FleetPlanSummary;
import org.neonmigrate.workflows.fleet.FleetPlanWorkflow;
import org.neonmigrate.workflows.fleet.FleetPlanWorkflowImpl;
import org.neonmigrate.workflows.fleet.FleetStray;

/**
 * The {@code FleetPlan} workflow with its real activities against both simulators (demo data with
 * its strays): what it pairs, what it reports as strays, and that it changes nothing.
 */
class FleetPlanWorkflowTest extends SimulatorFixture {

  private static final List<String> BOTH =
      List.of(SandboxSeed.SUBSCRIPTION_ID, SandboxSeed.STRAYS_SUBSCRIPTION_ID);

  private static ApplicationContext context;
  private TestWorkflowEnvironment env;

  @BeforeAll
  static void startContext() {
    context =
        ApplicationContext.builder()
            .deduceEnvironment(false)
            .properties(
                Map.of(
                    "neon.budget.mode",
                    "local",
                    "neon.api.url",
                    sims.neon().baseUrl(),
                    "neon.api.key",
                    KEY,
                    "azure.arm.url",
                    sims.arm().baseUrl(),
                    "azure.static-token",
                    ArmSimulator.DEFAULT_TOKEN))
            .start();
  }

  @AfterAll
  static void stopContext() {
    context.close();
  }

  @BeforeEach
  void worker() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(MigrationNames.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(FleetPlanWorkflowImpl.class);
    worker.registerActivitiesImplementations(context.getBean(FleetPlanActivitiesImpl.class));
    env.start();
  }

  @AfterEach
  void closeEnvironment() {
    env.close();
  }

  @Test
  void aPlanOverPagedListingsPairsEveryOrgAndNamesEachStray() {
    sims.arm().setPageSize(1);
    Map<String, String> mapping =
        Map.of(
            "contoso-free", CONTOSO_NM,
            "fabrikam-scale", FABRIKAM_NM,
            "tailspin-github", TAILSPIN_NM);

    FleetPlan plan = plan(BOTH, new DestinationRule(DestinationRule.BY_NAME, null, mapping));

    // 4 pages in the first subscription, 2 in the second
    assertThat(sims.arm().calls().count("GET " + ArmSimulator.LIST_BY_SUBSCRIPTION_TEMPLATE, 200))
        .isEqualTo(6);
    assertThat(plan.azureResources()).isEqualTo(6);
    assertThat(plan.rows())
        .extracting(FleetPlanRow::sourceOrgId)
        .containsExactly(CONTOSO, FABRIKAM, NORTHWIND, TAILSPIN);
    FleetPlanRow contoso = row(plan, CONTOSO);
    assertThat(contoso.destinationOrgId()).isEqualTo(CONTOSO_NM);
    assertThat(contoso.subscriptionId()).isEqualTo(SandboxSeed.SUBSCRIPTION_ID);
    assertThat(contoso.resourceGroup()).isEqualTo(SandboxSeed.RESOURCE_GROUP);
    assertThat(contoso.resourceName()).isEqualTo("contoso-free");
    assertThat(contoso.projects()).isEqualTo(5);
    assertThat(contoso.members()).isEqualTo(5);
    assertThat(contoso.destinationPlanSufficient()).isTrue();
    assertThat(contoso.dryRun()).isTrue();
    FleetPlanRow fabrikam = row(plan, FABRIKAM);
    assertThat(fabrikam.plan()).isEqualTo("scale");
    assertThat(fabrikam.destinationPlan()).isEqualTo("free");
    assertThat(fabrikam.destinationPlanSufficient()).isFalse();
    assertThat(row(plan, TAILSPIN).blockers()).hasSize(1);
    FleetPlanRow northwind = row(plan, NORTHWIND);
    assertThat(northwind.projects()).isEqualTo(450);
    assertThat(northwind.destinationOrgId()).isEmpty();
    assertThat(northwind.destinationPlanSufficient()).isNull();
    assertThat(northwind.notes()).anyMatch(n -> n.contains("no entry for name 'northwind-large'"));

    assertThat(plan.strays())
        .extracting(FleetStray::kind, FleetStray::orgId)
        .containsExactlyInAnyOrder(
            tuple(FleetStray.Kind.ORG_NOT_VISIBLE, SandboxSeed.HIDDEN_ORG_ID),
            tuple(FleetStray.Kind.RESOURCE_DELETING, SandboxSeed.DELETING_ORG_ID),
            tuple(FleetStray.Kind.NO_AZURE_RESOURCE, SandboxSeed.ORPHAN_ORG_ID));
    assertThat(plan.strays()).allSatisfy(s -> assertThat(s.reason()).isNotBlank());
    assertChangedNothing();
  }

  @Test
  void anOrgWhoseResourceIsInASubscriptionNotGivenIsAStrayWithoutResource() {
    FleetPlan plan =
        plan(
            List.of(SandboxSeed.SUBSCRIPTION_ID),
            new DestinationRule(DestinationRule.SINGLE, CONTOSO_NM, null));

    assertThat(plan.rows())
        .hasSize(4)
        .allSatisfy(r -> assertThat(r.destinationOrgId()).isEqualTo(CONTOSO_NM));
    assertThat(plan.strays())
        .filteredOn(s -> s.kind() == FleetStray.Kind.NO_AZURE_RESOURCE)
        .extracting(FleetStray::orgId)
        .containsExactlyInAnyOrder(SandboxSeed.ORPHAN_ORG_ID, SandboxSeed.DELETING_ORG_ID);
    assertThat(row(plan, TAILSPIN).destinationPlanSufficient()).isFalse();
  }

  @Test
  void ruleNoneLeavesEveryDestinationEmpty() {
    FleetPlan plan =
        plan(
            List.of(SandboxSeed.SUBSCRIPTION_ID),
            new DestinationRule(DestinationRule.NONE, null, null));

    assertThat(plan.rows())
        .hasSize(4)
        .allSatisfy(
            r -> {
              assertThat(r.destinationOrgId()).isEmpty();
              assertThat(r.destinationPlan()).isNull();
            });
  }

  @Test
  void aNextLinkToAnotherHostFailsThePlanUnderItsName() {
    sims.arm().setPageSize(2);
    sims.arm().setNextLinkBase("http://localhost:" + sims.arm().baseUrl().replaceAll(".*:", ""));

    ApplicationFailure failure =
        planFailure(
            List.of(SandboxSeed.SUBSCRIPTION_ID),
            new DestinationRule(DestinationRule.NONE, null, null));

    assertThat(failure.getType()).isEqualTo("AzureNextLinkRefused");
    assertThat(sims.arm().calls().count("GET " + ArmSimulator.LIST_BY_SUBSCRIPTION_TEMPLATE))
        .isEqualTo(1);
  }

  @Test
  void anUnknownRuleIsRefusedBeforeAnyCall() {
    ApplicationFailure failure = planFailure(BOTH, new DestinationRule("round-robin", null, null));

    assertThat(failure.getType()).isEqualTo("InvalidFleetPlanRequest");
    assertThat(failure.getOriginalMessage()).contains("destination.rule").contains("round-robin");
    assertThat(sims.arm().calls().recent(10)).isEmpty();
  }

  /** The run's summary, then its rows and strays two at a time, as the API reads them. */
  private FleetPlan plan(List<String> subscriptions, DestinationRule rule) {
    FleetPlanWorkflow run = stub();
    FleetPlanSummary summary = run.plan(request(subscriptions, rule));
    FleetPlan plan = FleetPlanPages.read(summary, 2, run::page);
    assertThat(plan.rows()).hasSize(summary.rows());
    assertThat(plan.strays()).hasSize(summary.strays());
    return plan;
  }

  private ApplicationFailure planFailure(List<String> subscriptions, DestinationRule rule) {
    WorkflowFailedException failed =
        catchThrowableOfType(
            WorkflowFailedException.class, () -> stub().plan(request(subscriptions, rule)));
    assertThat(failed).as("the plan should have failed").isNotNull();
    assertThat(failed.getCause()).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) failed.getCause();
  }

  private static FleetPlanRequest request(List<String> subscriptions, DestinationRule rule) {
    return new FleetPlanRequest(
        UUID.randomUUID().toString(), subscriptions, rule, "alice@example.com", null);
  }

  private FleetPlanWorkflow stub() {
    return env.getWorkflowClient()
        .newWorkflowStub(
            FleetPlanWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue(MigrationNames.TASK_QUEUE).build());
  }

  private static FleetPlanRow row(FleetPlan plan, String sourceOrgId) {
    return plan.rows().stream()
        .filter(r -> r.sourceOrgId().equals(sourceOrgId))
        .findFirst()
        .orElseThrow();
  }

  /** Only reads reached either simulator; every org still has its projects and its resource. */
  private static void assertChangedNothing() {
    assertThat(sims.neon().calls().counts().keySet())
        .isNotEmpty()
        .allSatisfy(route -> assertThat(route).startsWith("GET "));
    assertThat(sims.arm().calls().counts().keySet())
        .isNotEmpty()
        .allSatisfy(route -> assertThat(route).startsWith("GET "));
    assertThat(sims.arm().state().deletions()).isEmpty();
    assertThat(sims.arm().state().resources()).hasSize(6);
    assertThat(sims.neon().state().projectCount(CONTOSO)).isEqualTo(5);
    assertThat(sims.neon().state().projectCount(NORTHWIND)).isEqualTo(450);
  }
}
