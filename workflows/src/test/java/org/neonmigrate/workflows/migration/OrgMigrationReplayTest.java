package org.neonmigrate.workflows.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Guards determinism: a change to the workflow code must still replay runs recorded with every
 * earlier version of it, since such runs may still be open (waiting at a gate) when it is deployed.
 */
class OrgMigrationReplayTest {
  static final String RESOURCE_DIR = "src/test/resources";

  /** Before operator notifications: reminders by the {@code remindOperators} activity. */
  static final String FULL_RUN = "org-migration-full-run.json";

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    FULL_RUN + ", org-migration-azure-org-1",
    // with operator notifications (the operator-notifications version marker), before the
    // compact-history change
    "org-migration-full-run-notifications.json, org-migration-azure-org-1",
    "org-migration-batch-child-notifications.json, org-migration-org-h",
    // the compact-history version marker, version 1
    "org-migration-full-run-compact.json, org-migration-azure-org-1",
    "org-migration-batch-child-compact.json, org-migration-org-h",
    // compact-history version 2: the invitations go with the first grant chunk
    "org-migration-full-run-invitations.json, org-migration-azure-org-1",
    "org-migration-batch-child-invitations.json, org-migration-org-h",
  })
  void aRecordedRunReplaysWithoutNonDeterminism(String resource, String workflowId)
      throws Exception {
    WorkflowExecutionHistory history =
        WorkflowExecutionHistory.fromJson(readResource(resource), workflowId);
    assertThat(history.getEvents()).hasSizeGreaterThan(20);

    WorkflowReplayer.replayWorkflowExecution(history, OrgMigrationWorkflowImpl.class);
  }

  private static String readResource(String resource) throws IOException {
    try (InputStream in = OrgMigrationReplayTest.class.getResourceAsStream("/" + resource)) {
      assertThat(in).as(resource + " on the test classpath").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
