package org.neonmigrate.workflows.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.migration.OrgSummary;

/**
 * The plan's paging, chunking and failure naming against fake activities: a subscription of 45 orgs
 * in pages of 10, read 20 orgs to an activity.
 */
class FleetPlanWorkflowTest {

  private static final String SUB = "6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
  private static final int ORGS = 45;
  private static final int PAGE = 10;

  private TestWorkflowEnvironment env;
  private final FakeActivities fake = new FakeActivities();

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(MigrationNames.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(FleetPlanWorkflowImpl.class);
    worker.registerActivitiesImplementations(fake);
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void everyPageIsListedAndEveryOrgReadOnceInChunks() {
    FleetPlanWorkflow run = stub();
    FleetPlanSummary summary = run.plan(request(new DestinationRule("single", "org-nm-all", null)));
    List<FleetPlanPageRequest> asked = new ArrayList<>();
    FleetPlan plan =
        FleetPlanPages.read(
            summary,
            20,
            page -> {
              asked.add(page);
              return run.page(page);
            });

    assertThat(summary.rows()).isEqualTo(ORGS);
    assertThat(summary.strays()).isZero();
    assertThat(asked).extracting(FleetPlanPageRequest::rowOffset).containsExactly(0, 20, 40);

    assertThat(fake.pagesListed.get()).isEqualTo(5);
    assertThat(plan.rows()).hasSize(ORGS);
    assertThat(plan.rows())
        .extracting(FleetPlanRow::sourceOrgId)
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, ORGS).mapToObj(FakeActivities::org).toList());
    assertThat(fake.chunkSizes).containsExactlyInAnyOrder(20, 20, 5);
    assertThat(fake.reads).hasSize(ORGS).allSatisfy((org, times) -> assertThat(times).isEqualTo(1));
    assertThat(plan.rows())
        .allSatisfy(
            r -> {
              assertThat(r.destinationOrgId()).isEqualTo("org-nm-all");
              assertThat(r.destinationPlan()).isEqualTo("scale");
              assertThat(r.projects()).isEqualTo(7);
            });
  }

  @Test
  void aNamedFailureOfAnActivityFailsThePlanUnderThatName() {
    fake.denyListing = true;

    WorkflowFailedException failed =
        catchThrowableOfType(
            WorkflowFailedException.class,
            () -> stub().plan(request(new DestinationRule("none", null, null))));

    assertThat(failed.getCause()).isInstanceOf(ApplicationFailure.class);
    assertThat(((ApplicationFailure) failed.getCause()).getType()).isEqualTo("AzureAccessDenied");
    assertThat(fake.pagesListed.get()).isEqualTo(1);
  }

  private FleetPlanWorkflow stub() {
    return env.getWorkflowClient()
        .newWorkflowStub(
            FleetPlanWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue(MigrationNames.TASK_QUEUE).build());
  }

  private static FleetPlanRequest request(DestinationRule rule) {
    return new FleetPlanRequest("p1", List.of(SUB), rule, "alice@example.com", false);
  }

  static final class FakeActivities implements FleetPlanActivities {
    final AtomicInteger pagesListed = new AtomicInteger();
    final List<Integer> chunkSizes = java.util.Collections.synchronizedList(new ArrayList<>());
    final Map<String, Integer> reads = new ConcurrentHashMap<>();
    volatile boolean denyListing;

    static String org(int n) {
      return "org-az-%03d".formatted(n);
    }

    @Override
    public AzureOrgPage listAzureOrganizations(AzureOrgPageInput input) {
      pagesListed.incrementAndGet();
      if (denyListing) {
        throw FleetPlanFailure.AzureAccessDenied.failure("answered 403");
      }
      int from = input.nextLink() == null ? 1 : Integer.parseInt(input.nextLink().split("=")[1]);
      List<AzureOrgResource> page = new ArrayList<>();
      for (int n = from; n < from + PAGE && n <= ORGS; n++) {
        page.add(new AzureOrgResource(SUB, "rg", "res-" + n, org(n), null, "Succeeded"));
      }
      int next = from + PAGE;
      return new AzureOrgPage(page, next > ORGS ? null : "https://arm.test/list?from=" + next);
    }

    @Override
    public NeonOrgList listNeonOrganizations(NeonOrgListInput input) {
      List<OrgSummary> orgs = new ArrayList<>();
      IntStream.rangeClosed(1, ORGS)
          .forEach(n -> orgs.add(new OrgSummary(org(n), "name-" + n, "scale", "azure")));
      if (input.neonManagedWanted().contains("org-nm-all")) {
        orgs.add(new OrgSummary("org-nm-all", "all", "scale", "console"));
      }
      return new NeonOrgList(orgs);
    }

    @Override
    public OrgFactsList readOrgFacts(OrgFactsInput input) {
      chunkSizes.add(input.orgs().size());
      return new OrgFactsList(
          input.orgs().stream()
              .map(
                  w -> {
                    reads.merge(w.orgId(), 1, Integer::sum);
                    return new OrgFacts(w.orgId(), 7, 2, List.of(), true, null);
                  })
              .toList());
    }
  }
}
