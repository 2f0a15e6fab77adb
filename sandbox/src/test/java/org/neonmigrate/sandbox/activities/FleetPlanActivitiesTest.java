package org.neonmigrate.sandbox.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neonmigrate.activities.FleetPlanActivitiesImpl;
import org.neonmigrate.activities.neon.NeonRateBudget;
import org.neonmigrate.sandbox.arm.ArmSimulator;
import org.neonmigrate.sandbox.seed.SandboxSeed;
import org.neonmigrate.workflows.fleet.AzureOrgPage;
import org.neonmigrate.workflows.fleet.AzureOrgPageInput;
import org.neonmigrate.workflows.fleet.AzureOrgResource;
import org.neonmigrate.workflows.fleet.FleetPlanActivities;
import org.neonmigrate.workflows.fleet.NeonOrgListInput;
import org.neonmigrate.workflows.fleet.OrgFacts;
import org.neonmigrate.workflows.fleet.OrgFactsInput;
import org.neonmigrate.workflows.migration.OrgSummary;

/** The fleet plan's reads against both simulators, through the real ARM and Neon clients. */
class FleetPlanActivitiesTest extends ActivityHarness {

  private static final String ARM_LIST = "GET " + ArmSimulator.LIST_BY_SUBSCRIPTION_TEMPLATE;

  private TestActivityEnvironment fleetEnv;
  private FleetPlanActivities fleet;

  @BeforeEach
  void fleetActivities() {
    fleetEnv = TestActivityEnvironment.newInstance();
    fleetEnv.registerActivitiesImplementations(context.getBean(FleetPlanActivitiesImpl.class));
    fleet = fleetEnv.newActivityStub(FleetPlanActivities.class, once());
  }

  @AfterEach
  void closeFleetEnvironment() {
    fleetEnv.close();
  }

  @Test
  void theArmListingFollowsNextLinkAcrossEveryPage() {
    sims.arm().setPageSize(1);

    List<AzureOrgResource> listed = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      AzureOrgPage page =
          fleet.listAzureOrganizations(new AzureOrgPageInput(SandboxSeed.SUBSCRIPTION_ID, next));
      listed.addAll(page.resources());
      next = page.nextLink();
      pages++;
    } while (next != null);

    assertThat(pages).isEqualTo(4);
    assertThat(sims.arm().calls().count(ARM_LIST, 200)).isEqualTo(4);
    assertThat(listed)
        .extracting(AzureOrgResource::resourceName)
        .containsExactly("contoso-free", "fabrikam-scale", "northwind-large", "tailspin-github");
    assertThat(listed)
        .allSatisfy(
            r -> {
              assertThat(r.resourceGroup()).isEqualTo(SandboxSeed.RESOURCE_GROUP);
              assertThat(r.neonOrgId()).startsWith("org-az-");
              assertThat(r.provisioningState()).isEqualTo("Succeeded");
            });
  }

  @Test
  void aNextLinkToAnotherHostIsRefusedAndNeverGetsTheToken() {
    sims.arm().setPageSize(1);
    // the same simulator under another host name: a request sent there would be logged
    sims.arm().setNextLinkBase(sims.arm().baseUrl().replace("127.0.0.1", "localhost"));
    AzureOrgPage first =
        fleet.listAzureOrganizations(new AzureOrgPageInput(SandboxSeed.SUBSCRIPTION_ID, null));
    assertThat(first.nextLink()).startsWith("http://localhost:");

    var refused =
        failureOf(
            () ->
                fleet.listAzureOrganizations(
                    new AzureOrgPageInput(SandboxSeed.SUBSCRIPTION_ID, first.nextLink())));

    assertThat(refused.getType()).isEqualTo("AzureNextLinkRefused");
    assertThat(refused.isNonRetryable()).isTrue();
    assertThat(refused.getOriginalMessage()).contains("localhost").contains("refusing");
    assertThat(sims.arm().calls().count(ARM_LIST)).isEqualTo(1);
  }

  @Test
  void aSubscriptionArmDoesNotKnowIsNamedNotRetried() {
    var failure =
        failureOf(
            () ->
                fleet.listAzureOrganizations(
                    new AzureOrgPageInput("11111111-2222-4333-8444-555555555555", null)));

    assertThat(failure.getType()).isEqualTo("AzureSubscriptionNotFound");
    assertThat(failure.getOriginalMessage()).contains("SubscriptionNotFound");
  }

  @Test
  void anArmTokenArmRejectsIsAzureAccessDeniedAndNotRetried() {
    ApplicationContext wrongToken =
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
                    "not-the-arm-token"))
            .start();
    TestActivityEnvironment denied = TestActivityEnvironment.newInstance();
    try {
      denied.registerActivitiesImplementations(wrongToken.getBean(FleetPlanActivitiesImpl.class));
      FleetPlanActivities stub = denied.newActivityStub(FleetPlanActivities.class, retrying());

      var failure =
          failureOf(
              () ->
                  stub.listAzureOrganizations(
                      new AzureOrgPageInput(SandboxSeed.SUBSCRIPTION_ID, null)));

      assertThat(failure.getType()).isEqualTo("AzureAccessDenied");
      assertThat(failure.getOriginalMessage()).contains("401");
      // a retried 401 would have shown as several calls
      assertThat(sims.arm().calls().count(ARM_LIST, 401)).isEqualTo(1);
    } finally {
      denied.close();
      wrongToken.close();
    }
  }

  @Test
  void theNeonListingIsWhatTheKeySees() {
    List<OrgSummary> orgs =
        fleet.listNeonOrganizations(new NeonOrgListInput(List.of(CONTOSO_NM))).organizations();

    // every Azure-managed org the key sees, and of the Neon-managed ones only the one asked for
    assertThat(orgs)
        .extracting(OrgSummary::id)
        .containsExactlyInAnyOrder(
            CONTOSO,
            FABRIKAM,
            TAILSPIN,
            NORTHWIND,
            CONTOSO_NM,
            SandboxSeed.ORPHAN_ORG_ID,
            SandboxSeed.DELETING_ORG_ID);
    assertThat(orgs)
        .filteredOn(o -> o.id().equals(CONTOSO))
        .singleElement()
        .satisfies(o -> assertThat(o.managedBy()).isEqualTo(SandboxSeed.AZURE_MANAGED_BY));
  }

  @Test
  void orgFactsCountEveryPageAndNameTheBlockersAndThePlanGap() {
    List<OrgFacts> facts =
        fleet
            .readOrgFacts(
                new OrgFactsInput(
                    List.of(
                        new OrgFactsInput.Wanted(TAILSPIN, "launch", TAILSPIN_NM, "launch"),
                        new OrgFactsInput.Wanted(NORTHWIND, "business", NORTHWIND_NM, "business"),
                        new OrgFactsInput.Wanted(FABRIKAM, "scale", FABRIKAM_NM, "free"),
                        new OrgFactsInput.Wanted(CONTOSO, "free", null, null))))
            .orgs();

    OrgFacts tailspin = facts.get(0);
    assertThat(tailspin.projects()).isEqualTo(6);
    assertThat(tailspin.members()).isEqualTo(5);
    assertThat(tailspin.blockers())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.integrations()).containsExactly("github");
              assertThat(b.name()).isEqualTo("tailspin-github-app-1");
            });
    assertThat(tailspin.destinationPlanSufficient()).isTrue();
    // 450 projects are two pages of 400
    assertThat(facts.get(1).projects()).isEqualTo(450);
    assertThat(sims.neon().calls().count("GET /projects")).isGreaterThanOrEqualTo(5);
    assertThat(facts.get(2).destinationPlanSufficient()).isFalse();
    assertThat(facts.get(2).planNote()).contains("below source plan scale").contains(FABRIKAM_NM);
    assertThat(facts.get(3).destinationPlanSufficient()).isNull();
    assertThat(facts.get(3).blockers()).isEmpty();
  }

  @Test
  void everyNeonCallOfThePlanTakesATokenFromTheRateBudgetFirst() {
    AtomicInteger tokens = new AtomicInteger();
    NeonRateBudget counting = (route, whileWaiting) -> tokens.incrementAndGet();
    // a mode neither shipped budget answers to, so the counting one is the only budget
    ApplicationContext counted =
        ApplicationContext.builder()
            .deduceEnvironment(false)
            .properties(
                Map.of(
                    NeonRateBudget.MODE,
                    "counted",
                    "neon.api.url",
                    sims.neon().baseUrl(),
                    "neon.api.key",
                    KEY,
                    "azure.arm.url",
                    sims.arm().baseUrl(),
                    "azure.static-token",
                    ArmSimulator.DEFAULT_TOKEN))
            .singletons(counting)
            .start();
    TestActivityEnvironment budgeted = TestActivityEnvironment.newInstance();
    try {
      budgeted.registerActivitiesImplementations(counted.getBean(FleetPlanActivitiesImpl.class));
      FleetPlanActivities stub = budgeted.newActivityStub(FleetPlanActivities.class, once());

      stub.listNeonOrganizations(new NeonOrgListInput(List.of()));
      stub.readOrgFacts(
          new OrgFactsInput(List.of(new OrgFactsInput.Wanted(NORTHWIND, "business", null, null))));

      int neonCalls =
          sims.neon().calls().counts().values().stream()
              .flatMap(byStatus -> byStatus.values().stream())
              .mapToInt(Integer::intValue)
              .sum();
      // the orgs, two project pages, the members
      assertThat(neonCalls).isGreaterThanOrEqualTo(4);
      assertThat(tokens.get()).isEqualTo(neonCalls);
    } finally {
      budgeted.close();
      counted.close();
    }
  }

  private static ActivityOptions once() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(2))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build();
  }

  private static ActivityOptions retrying() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setScheduleToCloseTimeout(Duration.ofSeconds(30))
        .setRetryOptions(
            RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(100)).build())
        .build();
  }
}
