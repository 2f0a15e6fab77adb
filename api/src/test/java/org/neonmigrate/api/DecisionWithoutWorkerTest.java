package org.neonmigrate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.migration.AzureResource;
import org.neonmigrate.workflows.migration.MigrationRequest;

/**
 * A decision is the run's {@code decide} update, which waits for a worker to take it: with no
 * worker it gets the API's Temporal deadline and answers 503, as any Temporal call past it does.
 */
@MicronautTest(environments = ApiApplication.ENVIRONMENT)
class DecisionWithoutWorkerTest extends ApiTestBase {

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(super.getProperties());
    properties.put("temporal.rpc-timeout", "2s");
    return properties;
  }

  @Test
  void aDecisionNoWorkerTakesAnswers503WithinTheDeadline() {
    String org = newOrgId("noworker");
    // a run on a task queue nobody polls: Temporal knows it, no worker ever takes its tasks
    WorkflowStub run =
        EmbeddedTemporal.get()
            .client
            .newUntypedWorkflowStub(
                MigrationNames.ORG_MIGRATION_TYPE,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(MigrationNames.orgMigrationId(org))
                    .setTaskQueue("no-worker-polls-this")
                    .build());
    run.start(
        new MigrationRequest(
            org,
            "org-neon-dest",
            new AzureResource("sub", "rg", "res"),
            false,
            "operator@sandbox",
            false,
            null,
            null));
    try {
      long started = System.nanoTime();
      http.post(
              "/migrations/" + org + "/approvals",
              Map.of("gate", "azure-deletion", "comment", "verified"),
              Http.APPROVER)
          .assertProblem(503, "No worker took the decision within 2 s");
      assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(8_000);
    } finally {
      run.terminate("test done");
    }
  }
}
