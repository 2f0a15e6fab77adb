package org.neonmigrate.workflows.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Writes the history of a full run (plan-upgrade gate, transfer, reconfigure, verify, deletion) to
 * {@code src/test/resources} for {@link OrgMigrationReplayTest}. Run it again when the workflow
 * changes on purpose, naming the new file by the change, and add it to the replay test: {@code mvn
 * -pl workflows test -Dtest=OrgMigrationHistoryExport -DexportHistory=true
 * -DexportHistory.name=org-migration-full-run-<change>.json}. Keep the older files: runs recorded
 * with them may still be open when the new code is deployed.
 */
@EnabledIfSystemProperty(named = "exportHistory", matches = "true")
class OrgMigrationHistoryExport extends MigrationFixtures {

  @RegisterExtension final TestWorkflowExtension testWorkflow = extension();

  @Test
  void exportsTheHistoryOfAFullRun(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) throws IOException {
    happyPath();
    when(discovery.checkOrganizations(any()))
        .thenReturn(orgCheck("free", true))
        .thenReturn(orgCheck("scale", false));
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), request(false));
    waitAtGate(env, workflow, Gate.PLAN_UPGRADE);
    workflow.approve(approval(Gate.PLAN_UPGRADE));
    waitAtGate(env, workflow, Gate.AZURE_DELETION);
    env.sleep(java.time.Duration.ofMinutes(31));
    workflow.approve(approval(Gate.AZURE_DELETION));
    assertThat(result(workflow).finalStep()).isEqualTo(Step.COMPLETED);

    Path target =
        Path.of(
            OrgMigrationReplayTest.RESOURCE_DIR,
            System.getProperty("exportHistory.name", OrgMigrationReplayTest.FULL_RUN));
    Files.writeString(target, client.fetchHistory(WORKFLOW_ID).toJson(true));
  }
}
