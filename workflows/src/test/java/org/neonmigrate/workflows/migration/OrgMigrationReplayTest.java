package org.neonmigrate.workflows.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Guards determinism: a change to the workflow code must still replay a recorded full run. */
class OrgMigrationReplayTest {
  static final String RESOURCE = "org-migration-full-run.json";
  static final String RESOURCE_FILE = "src/test/resources/" + RESOURCE;

  @Test
  void aRecordedFullRunReplaysWithoutNonDeterminism() throws Exception {
    String json = readResource();
    WorkflowExecutionHistory history =
        WorkflowExecutionHistory.fromJson(json, MigrationFixtures.WORKFLOW_ID);
    assertThat(history.getEvents()).hasSizeGreaterThan(20);

    WorkflowReplayer.replayWorkflowExecution(history, OrgMigrationWorkflowImpl.class);
  }

  private static String readResource() throws IOException {
    try (InputStream in = OrgMigrationReplayTest.class.getResourceAsStream("/" + RESOURCE)) {
      assertThat(in).as(RESOURCE + " on the test classpath").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
