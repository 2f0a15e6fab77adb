package org.neonmigrate.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neonmigrate.sandbox.e2e.DevServerStack.ALICE;
import static org.neonmigrate.sandbox.e2e.DevServerStack.API_LIST_LIMIT;
import static org.neonmigrate.sandbox.e2e.DevServerStack.BOB;
import static org.neonmigrate.sandbox.e2e.DevServerStack.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neonmigrate.sandbox.arm.ArmState;
import org.neonmigrate.sandbox.neon.NeonModel;
import org.neonmigrate.sandbox.neon.NeonState;
import org.neonmigrate.sandbox.seed.MigrationExample;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.migration.Step;

/**
 * Migrations through the REST API of the shipped api jar, run by the shipped worker jar, on the
 * Temporal CLI's dev server (see {@link DevServerStack}): the way production runs, judged by the
 * simulators' final state and by what Temporal's visibility lists.
 */
@ExtendWith(DevServerStack.Extension.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DevServerEndToEndIT {
  private static final String FABRIKAM = "org-az-fabrikam-scale";

  /** A task queue no worker polls: runs started there stay where their search attributes say. */
  private static final String UNPOLLED_QUEUE = "no-worker-polls-this";

  @Test
  void aMigrationThroughBothGatesApprovedByAnotherPersonEndsCompletedAndIsListedFromVisibility(
      DevServerStack stack) throws Exception {
    MigrationExample fabrikam = example(stack.seed(0, 0, 0), FABRIKAM);
    NeonState neon = stack.simulators().neon().state();
    List<String> projects = neon.projectIds(FABRIKAM);
    assertThat(projects).hasSize(12);
    Map<String, List<String>> hostsBefore = endpointHosts(neon, projects);

    HttpResponse<String> started = stack.call("POST", "/migrations", ALICE, startBody(fabrikam));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String status = "/migrations/" + FABRIKAM;

    // the destination is on free: Neon wants a higher plan first
    stack.awaitJson(status, s -> "plan-upgrade".equals(s.path("awaitingGate").asText(null)));
    awaitListed(stack, Step.PLAN_UPGRADE, ids -> ids.equals(List.of(FABRIKAM)));
    assertThat(neon.setPlan(fabrikam.destinationOrgId(), "scale")).isPresent();
    assertThat(approve(stack, BOB, "plan-upgrade").statusCode()).isEqualTo(202);

    JsonNode waiting =
        stack.awaitJson(status, s -> "azure-deletion".equals(s.path("awaitingGate").asText(null)));
    assertThat(waiting.path("projects").path("transferred").asInt()).isEqualTo(projects.size());
    assertThat(stack.simulators().arm().state().deletions()).isEmpty();

    // More runs than the API lists, all newer and at another step. Filtered by the server's
    // visibility, the waiting run is still found; the API's fallback for servers without
    // visibility filters after taking the newest runs and would answer none.
    List<String> probes = startRunsTheApiNeverSaw(stack.client(), API_LIST_LIMIT);
    try {
      // first until the newer runs are visible at all, else either way would find the old one
      awaitListed(
          stack, Step.DISCOVER, ids -> ids.size() == probes.size() && ids.containsAll(probes));
      awaitListed(stack, Step.AZURE_DELETION, ids -> ids.equals(List.of(FABRIKAM)));
      JsonNode all = DevServerStack.json(stack.call("GET", "/migrations", BOB, null).body());
      assertThat(all.path("migrations")).as("the list limit applies").hasSize(API_LIST_LIMIT);
    } finally {
      for (String probe : probes) {
        stack
            .client()
            .newUntypedWorkflowStub(MigrationNames.orgMigrationId(probe))
            .terminate("listing checked");
      }
    }

    HttpResponse<String> selfApproval = approve(stack, ALICE, "azure-deletion");
    assertThat(selfApproval.statusCode()).as(selfApproval.body()).isEqualTo(403);
    assertThat(selfApproval.body()).contains("four-eyes");
    assertThat(approve(stack, BOB, "azure-deletion").statusCode()).isEqualTo(202);

    stack.awaitJson(status, s -> "COMPLETED".equals(s.path("step").asText()));
    JsonNode report = DevServerStack.json(stack.call("GET", status + "/report", BOB, null).body());
    assertThat(report.path("azureResourceDeleted").asBoolean()).as(report.toString()).isTrue();
    assertThat(report.path("azureDeletion").asText()).isEqualTo("DELETED");
    Map<String, String> approvers = new LinkedHashMap<>();
    report
        .path("approvals")
        .forEach(a -> approvers.put(a.path("gate").asText(), a.path("approver").asText()));
    assertThat(approvers)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("plan-upgrade", BOB.subject(), "azure-deletion", BOB.subject()));

    // the simulators' own state: every project in the destination with the endpoints it had
    assertThat(neon.projectIds(fabrikam.destinationOrgId())).containsAll(projects);
    for (String project : projects) {
      assertThat(neon.project(project).map(NeonModel.Project::orgId))
          .hasValue(fabrikam.destinationOrgId());
    }
    assertThat(endpointHosts(neon, projects)).isEqualTo(hostsBefore);
    List<ArmState.Deletion> deletions = stack.simulators().arm().state().deletions();
    assertThat(deletions).hasSize(1);
    assertThat(deletions.get(0).orgId()).isEqualTo(FABRIKAM);
    assertThat(deletions.get(0).projectsInOrg()).isZero();

    // visibility lists closed runs most recently closed first
    awaitListed(stack, Step.COMPLETED, ids -> !ids.isEmpty() && ids.get(0).equals(FABRIKAM));
  }

  @Test
  void aBatchOfSeveralOrgsStartedThroughTheApiEndsWithEveryOrgCompleted(DevServerStack stack)
      throws Exception {
    List<MigrationExample> orgs = stack.seed(3, 4, 3);
    NeonState neon = stack.simulators().neon().state();
    Map<String, List<String>> projects = new LinkedHashMap<>();
    for (MigrationExample org : orgs) {
      projects.put(org.sourceOrgId(), neon.projectIds(org.sourceOrgId()));
    }
    ObjectNode body = JSON.createObjectNode().put("batchId", "e2e-wave").put("concurrency", 2);
    ArrayNode migrations = body.putArray("migrations");
    for (MigrationExample org : orgs) {
      migrations.add(JSON.readTree(startBody(org)));
    }

    HttpResponse<String> started = stack.call("POST", "/batches", ALICE, body.toString());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    JsonNode accepted = DevServerStack.json(started.body());
    assertThat(accepted.path("workflowId").asText()).isEqualTo("batch-e2e-wave");
    assertThat(accepted.path("total").asInt()).isEqualTo(orgs.size());

    // a child waiting for a human frees its slot, so all three get there with two at a time
    JsonNode waiting =
        stack.awaitJson(
            "/batches/e2e-wave", p -> p.path("awaitingHumanCount").asInt() == orgs.size());
    assertThat(waiting.path("awaitingByGate").path("azure-deletion").asInt())
        .isEqualTo(orgs.size());
    assertThat(stack.simulators().arm().state().deletions()).isEmpty();

    String approval = "{\"gate\":\"azure-deletion\",\"comment\":\"verified\"}";
    HttpResponse<String> selfApproval =
        stack.call("POST", "/batches/e2e-wave/approvals", ALICE, approval);
    assertThat(selfApproval.statusCode()).as(selfApproval.body()).isEqualTo(403);
    HttpResponse<String> approved =
        stack.call("POST", "/batches/e2e-wave/approvals", BOB, approval);
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(202);
    assertThat(DevServerStack.json(approved.body()).path("waiting").asInt()).isEqualTo(orgs.size());

    JsonNode report =
        stack.awaitJson(
            "/batches/e2e-wave/report",
            r -> r.path("completed").asInt() + r.path("failed").asInt() == orgs.size());
    assertThat(report.path("completed").asInt()).as(report.toString()).isEqualTo(orgs.size());
    assertThat(report.path("failed").asInt()).isZero();
    for (JsonNode row : report.path("orgs")) {
      assertThat(row.path("step").asText()).as(row.toString()).isEqualTo("COMPLETED");
      assertThat(row.path("projectsMoved").asInt()).as(row.toString()).isEqualTo(4);
    }

    for (MigrationExample org : orgs) {
      assertThat(neon.projectIds(org.destinationOrgId()))
          .containsAll(projects.get(org.sourceOrgId()));
      assertThat(neon.projectCount(org.sourceOrgId())).isZero();
    }
    List<ArmState.Deletion> deletions = stack.simulators().arm().state().deletions();
    assertThat(deletions)
        .extracting(ArmState.Deletion::orgId)
        .containsExactlyInAnyOrderElementsOf(projects.keySet());
    assertThat(deletions).allSatisfy(d -> assertThat(d.projectsInOrg()).isZero());
    // the batch's children are runs the API did not start itself: visibility lists them
    awaitListed(
        stack,
        Step.COMPLETED,
        ids -> ids.size() == orgs.size() && ids.containsAll(projects.keySet()));
  }

  /**
   * Runs of type {@code OrgMigration} with the search attributes a worker would give them, started
   * by this JVM's client (not the API) on a queue nobody polls; answers their source org ids.
   */
  private static List<String> startRunsTheApiNeverSaw(WorkflowClient client, int count) {
    List<String> sourceOrgIds = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      String sourceOrgId = "org-az-elsewhere-" + i;
      client
          .newUntypedWorkflowStub(
              MigrationNames.ORG_MIGRATION_TYPE,
              WorkflowOptions.newBuilder()
                  .setTaskQueue(UNPOLLED_QUEUE)
                  .setWorkflowId(MigrationNames.orgMigrationId(sourceOrgId))
                  .setTypedSearchAttributes(
                      SearchAttributes.newBuilder()
                          .set(MigrationNames.MIGRATION_STEP, Step.DISCOVER.name())
                          .set(MigrationNames.SOURCE_ORG_ID, sourceOrgId)
                          .build())
                  .build())
          .start();
      sourceOrgIds.add(sourceOrgId);
    }
    return sourceOrgIds;
  }

  /**
   * Asks {@code GET /migrations?step=} until the ids it answers satisfy {@code expected}
   * (visibility is written a moment after a run changes); every entry must be at that step.
   */
  private static void awaitListed(DevServerStack stack, Step step, Predicate<List<String>> expected)
      throws Exception {
    JsonNode answer =
        stack.awaitJson("/migrations?step=" + step.name(), list -> expected.test(ids(list)));
    for (JsonNode run : answer.path("migrations")) {
      assertThat(run.path("step").asText()).as(run.toString()).isEqualTo(step.name());
      assertThat(run.path("workflowId").asText())
          .isEqualTo(MigrationNames.orgMigrationId(run.path("id").asText()));
    }
  }

  private static List<String> ids(JsonNode list) {
    return StreamSupport.stream(list.path("migrations").spliterator(), false)
        .map(run -> run.path("id").asText())
        .toList();
  }

  private static HttpResponse<String> approve(
      DevServerStack stack, DevServerStack.Person who, String gate) {
    return stack.call(
        "POST",
        "/migrations/" + FABRIKAM + "/approvals",
        who,
        "{\"gate\":\"" + gate + "\",\"comment\":\"checked\"}");
  }

  /** {@code POST /migrations}'s body for a seeded org: the example without its requester. */
  private static String startBody(MigrationExample org) {
    ObjectNode body =
        JSON.createObjectNode()
            .put("sourceOrgId", org.sourceOrgId())
            .put("destinationOrgId", org.destinationOrgId())
            .put("dryRun", false);
    body.putObject("azure")
        .put("subscriptionId", org.azure().subscriptionId())
        .put("resourceGroup", org.azure().resourceGroup())
        .put("resourceName", org.azure().resourceName());
    return body.toString();
  }

  private static MigrationExample example(List<MigrationExample> examples, String sourceOrgId) {
    return examples.stream()
        .filter(e -> e.sourceOrgId().equals(sourceOrgId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no seeded example for " + sourceOrgId));
  }

  private static Map<String, List<String>> endpointHosts(NeonState neon, List<String> projects) {
    Map<String, List<String>> hosts = new LinkedHashMap<>();
    for (String project : projects) {
      hosts.put(
          project,
          neon.endpoints(project).stream().map(NeonModel.Endpoint::host).sorted().toList());
    }
    return hosts;
  }
}
