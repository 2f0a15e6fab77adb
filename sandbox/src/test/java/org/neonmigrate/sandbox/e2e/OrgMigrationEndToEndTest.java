package org.neonmigrate.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.History;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.neonmigrate.sandbox.Sandbox;
import org.neonmigrate.sandbox.SandboxOptions;
import org.neonmigrate.sandbox.arm.ArmSimulator;
import org.neonmigrate.sandbox.codec.HistoryPayloads;
import org.neonmigrate.sandbox.seed.SeedSpec;
import org.neonmigrate.workflows.MigrationNames;

/**
 * The whole system as an operator runs it: the embedded Temporal service, the Neon and ARM
 * simulators and the worker, each over real network calls. Migrations are started by type name and
 * task queue with the documented input JSON (as the Temporal CLI would), driven through their gates
 * with signals, and judged by the simulators' final state.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrgMigrationEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration GATE_TIMEOUT = Duration.ofSeconds(90);

  private static Sandbox sandbox;
  private static WorkflowServiceStubs service;
  private static WorkflowClient client;
  private static Map<String, JsonNode> examples;

  @BeforeAll
  static void startSystem() throws Exception {
    // ephemeral ports everywhere; a generous rate so the 450-project org runs in seconds
    sandbox =
        Sandbox.start(
            SandboxOptions.parse(
                "--neon-port",
                "0",
                "--arm-port",
                "0",
                // not the dev server's default folder: it keeps runs, also between test runs
                "--temporal",
                "in-memory",
                "--temporal-port",
                "0",
                "--worker-port",
                "0",
                "--no-api",
                "--rate-per-minute",
                "200000",
                "--burst-per-second",
                "20000"));
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(sandbox.temporal().target())
                .build());
    client =
        WorkflowClient.newInstance(
            service,
            WorkflowClientOptions.newBuilder()
                .setNamespace("default")
                // the sandbox encrypts payloads: its clients need its data converter to read them
                .setDataConverter(sandbox.payloadProtection().dataConverter())
                .build());
    examples = new HashMap<>();
    for (JsonNode example : get(sandbox.simulators().neon().adminUrl() + "/examples")) {
      examples.put(example.get("sourceOrgId").asText(), example);
    }
  }

  @AfterAll
  static void stopSystem() {
    if (service != null) {
      service.shutdown();
      service.awaitTermination(5, TimeUnit.SECONDS);
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  @Order(1)
  void aDryRunReturnsAReadablePlanAndChangesNothing() throws Exception {
    String source = "org-az-contoso-free";
    JsonNode input =
        ((com.fasterxml.jackson.databind.node.ObjectNode) examples.get(source).deepCopy())
            .put("dryRun", true);
    Map<String, Integer> callsBefore = neonCallCounts();

    JsonNode report = start(input).getResult(60, TimeUnit.SECONDS, JsonNode.class);

    assertThat(report.get("finalStep").asText()).isEqualTo("PLAN");
    assertThat(report.get("dryRun").asBoolean()).isTrue();
    JsonNode plan = report.get("plan");
    assertThat(plan.get("projectsToMove").asInt()).isEqualTo(5);
    assertThat(plan.get("planUpgradeNeeded").asBoolean()).isFalse();
    assertThat(plan.get("membersToInvite")).isNotEmpty();
    assertThat(plan.get("transferChunks").asInt()).isEqualTo(1);
    assertThat(mutatingCallsSince(callsBefore)).isEmpty();
    assertThat(org(source).get("projects")).hasSize(5);
  }

  @Test
  @Order(2)
  void aFreeOrgMovesEverythingAndItsAzureResourceIsDeletedAfterApproval() throws Exception {
    String source = "org-az-contoso-free";
    String destination = "org-nm-contoso-free";
    Snapshot before = Snapshot.of(org(source));
    // runs after the dry run, whose closed run had the same workflow id; also replaces the
    // source's org API keys, so the history below is checked against freshly created secrets
    JsonNode input =
        ((com.fasterxml.jackson.databind.node.ObjectNode) examples.get(source).deepCopy())
            .put("replaceOrgApiKeys", true);
    WorkflowStub run = start(input);

    awaitStatus(run, s -> "azure-deletion".equals(s.path("awaitingGate").asText(null)));
    assertThat(armResource("contoso-free")).isEqualTo(200);
    approve(run, "azure-deletion", "carol@example.com");
    JsonNode report = run.getResult(60, TimeUnit.SECONDS, JsonNode.class);

    assertThat(report.get("finalStep").asText()).isEqualTo("COMPLETED");
    assertThat(report.get("azureResourceDeleted").asBoolean()).isTrue();
    assertThat(report.get("approvals").findValuesAsText("approver")).contains("carol@example.com");
    assertMovedIntact(before, destination);
    assertThat(armResource("contoso-free")).isEqualTo(404);
    assertNoDeletionWhileProjectsRemained();
    assertNoSecretInHistory(run, destination);
  }

  @Test
  void aPaidOrgWaitsForThePlanUpgradeAndKeepsWaitingUntilThePlanReallyChanged() throws Exception {
    String source = "org-az-fabrikam-scale";
    String destination = "org-nm-fabrikam-scale";
    Snapshot before = Snapshot.of(org(source));
    WorkflowStub run = start(examples.get(source));

    awaitStatus(run, s -> "plan-upgrade".equals(s.path("awaitingGate").asText(null)));
    approve(run, "plan-upgrade", "dave@example.com");
    JsonNode stillWaiting =
        awaitStatus(
            run,
            s ->
                "plan-upgrade".equals(s.path("awaitingGate").asText(null))
                    && s.path("awaitingReason").asText("").contains("still"));
    assertThat(stillWaiting.path("projects").path("transferred").asInt()).isZero();
    assertThat(org(source).get("projects")).hasSize(before.hostsByProject().size());

    put(
        sandbox.simulators().neon().adminUrl() + "/orgs/" + destination + "/plan",
        "{\"plan\":\"scale\"}");
    approve(run, "plan-upgrade", "dave@example.com");
    awaitStatus(run, s -> "azure-deletion".equals(s.path("awaitingGate").asText(null)));
    approve(run, "azure-deletion", "carol@example.com");
    JsonNode report = run.getResult(60, TimeUnit.SECONDS, JsonNode.class);

    assertThat(report.get("finalStep").asText()).isEqualTo("COMPLETED");
    assertMovedIntact(before, destination);
    assertThat(armResource("fabrikam-scale")).isEqualTo(404);
    assertNoDeletionWhileProjectsRemained();
  }

  @Test
  void aProjectBlockedByAGithubIntegrationWaitsUntilAnOperatorRemovedIt() throws Exception {
    String source = "org-az-tailspin-github";
    String destination = "org-nm-tailspin-github";
    Snapshot before = Snapshot.of(org(source));
    WorkflowStub run = start(examples.get(source));

    JsonNode waiting =
        awaitStatus(run, s -> "blockers-resolved".equals(s.path("awaitingGate").asText(null)));
    JsonNode blocker = waiting.get("blockers").get(0);
    assertThat(blocker.get("integrations").toString()).contains("github");
    assertThat(waiting.path("projects").path("blocked").asInt()).isEqualTo(1);
    assertThat(org(source).get("projects")).hasSize(1);

    delete(
        sandbox.simulators().neon().adminUrl()
            + "/projects/"
            + blocker.get("projectId").asText()
            + "/integrations");
    approve(run, "blockers-resolved", "erin@example.com");
    awaitStatus(run, s -> "azure-deletion".equals(s.path("awaitingGate").asText(null)));
    // carol started this run, so someone else approves the deletion
    approve(run, "azure-deletion", "dave@example.com");
    JsonNode report = run.getResult(60, TimeUnit.SECONDS, JsonNode.class);

    assertThat(report.get("finalStep").asText()).isEqualTo("COMPLETED");
    assertMovedIntact(before, destination);
    assertNoDeletionWhileProjectsRemained();
  }

  @Test
  void anOrgWithMoreThan400ProjectsMovesInChunksWithASmallHistory() throws Exception {
    String source = "org-az-northwind-large";
    String destination = "org-nm-northwind-large";
    Snapshot before = Snapshot.of(org(source));
    assertThat(before.hostsByProject()).hasSizeGreaterThan(400);
    WorkflowStub run = start(examples.get(source));

    awaitStatus(run, s -> "azure-deletion".equals(s.path("awaitingGate").asText(null)));
    approve(run, "azure-deletion", "carol@example.com");
    JsonNode report = run.getResult(120, TimeUnit.SECONDS, JsonNode.class);

    assertThat(report.get("finalStep").asText()).isEqualTo("COMPLETED");
    assertMovedIntact(before, destination);
    assertNoDeletionWhileProjectsRemained();
    long events =
        client
            .fetchHistory(run.getExecution().getWorkflowId(), run.getExecution().getRunId())
            .getHistory()
            .getEventsCount();
    assertThat(events).isLessThan(250);
  }

  @Test
  @Order(99)
  void theWorkerIsHealthyAndExportsTemporalMetricsWithoutOrgIdsAsLabels() throws Exception {
    String worker = sandbox.workerUrl().orElseThrow();
    JsonNode health = get(worker + "/health");
    assertThat(health.get("status").asText()).isEqualTo("UP");
    assertThat(health.at("/details/temporal/details/polling").asBoolean()).isTrue();

    HttpResponse<String> metrics =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(worker + "/prometheus")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("temporal_activity_execution_latency_seconds_count")
        .contains("uri=\"/projects/{projectId}");
    assertThat(metrics.body()).doesNotContain("org-az-", "neon-sandbox-key");
  }

  // --- driving the run -------------------------------------------------------------------

  private static WorkflowStub start(JsonNode input) {
    String source = input.get("sourceOrgId").asText();
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            MigrationNames.ORG_MIGRATION_TYPE,
            WorkflowOptions.newBuilder()
                .setTaskQueue(MigrationNames.TASK_QUEUE)
                .setWorkflowId(MigrationNames.orgMigrationId(source))
                .build());
    WorkflowExecution execution = stub.start(input);
    assertThat(execution.getWorkflowId()).isEqualTo("org-migration-" + source);
    return stub;
  }

  private static void approve(WorkflowStub run, String gate, String approver) {
    run.signal(
        MigrationNames.SIGNAL_APPROVE,
        Map.of("gate", gate, "approver", approver, "comment", "checked in the console"));
  }

  private static JsonNode awaitStatus(WorkflowStub run, Predicate<JsonNode> condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + GATE_TIMEOUT.toNanos();
    JsonNode status = null;
    while (System.nanoTime() < deadline) {
      status = run.query(MigrationNames.QUERY_STATUS, JsonNode.class);
      if (condition.test(status)) {
        return status;
      }
      assertThat(status.path("step").asText()).isNotIn("FAILED", "CANCELLED");
      Thread.sleep(100);
    }
    throw new AssertionError("status never matched; last status: " + status);
  }

  // --- judging the simulators' state -----------------------------------------------------

  /** What must survive the move: endpoint hosts, collaborators, and members to re-add. */
  record Snapshot(
      Map<String, Map<String, String>> hostsByProject,
      Map<String, Set<String>> collaboratorsByProject,
      Map<String, String> nonAdminMembers) {

    static Snapshot of(JsonNode org) {
      Map<String, Map<String, String>> hosts = new TreeMap<>();
      Map<String, Set<String>> collaborators = new TreeMap<>();
      for (JsonNode view : org.get("projects")) {
        String id = view.get("project").get("id").asText();
        Map<String, String> endpoints = new TreeMap<>();
        view.get("endpoints")
            .forEach(e -> endpoints.put(e.get("id").asText(), e.get("host").asText()));
        hosts.put(id, endpoints);
        collaborators.put(id, grantedEmails(view.get("permissions")));
      }
      Map<String, String> members = new TreeMap<>();
      for (JsonNode m : org.get("members")) {
        if (!"admin".equals(m.get("role").asText())) {
          members.put(m.get("email").asText().toLowerCase(), m.get("role").asText());
        }
      }
      return new Snapshot(hosts, collaborators, members);
    }
  }

  private static void assertMovedIntact(Snapshot before, String destinationOrgId) throws Exception {
    JsonNode destination = org(destinationOrgId);
    Map<String, JsonNode> projects = new HashMap<>();
    destination.get("projects").forEach(v -> projects.put(v.get("project").get("id").asText(), v));
    assertThat(projects.keySet()).containsAll(before.hostsByProject().keySet());
    for (Map.Entry<String, Map<String, String>> expected : before.hostsByProject().entrySet()) {
      JsonNode view = projects.get(expected.getKey());
      Map<String, String> hosts = new TreeMap<>();
      view.get("endpoints").forEach(e -> hosts.put(e.get("id").asText(), e.get("host").asText()));
      assertThat(hosts)
          .as("endpoint hosts of %s", expected.getKey())
          .isEqualTo(expected.getValue());
      List<String> grants = new ArrayList<>();
      view.get("permissions").forEach(p -> grants.add(p.get("email").asText().toLowerCase()));
      assertThat(grants)
          .as("collaborators of %s, each granted exactly once", expected.getKey())
          .containsExactlyInAnyOrderElementsOf(
              before.collaboratorsByProject().get(expected.getKey()));
    }
    Map<String, Long> invitations =
        StreamSupport.stream(destination.get("invitations").spliterator(), false)
            .collect(
                Collectors.groupingBy(
                    i -> i.get("email").asText().toLowerCase(), Collectors.counting()));
    Map<String, String> membersNow = new HashMap<>();
    destination
        .get("members")
        .forEach(
            m -> membersNow.put(m.get("email").asText().toLowerCase(), m.get("role").asText()));
    for (Map.Entry<String, String> member : before.nonAdminMembers().entrySet()) {
      assertThat(invitations.getOrDefault(member.getKey(), 0L))
          .as("invitations for %s", member.getKey())
          .isEqualTo(1L);
      if (membersNow.containsKey(member.getKey())) {
        assertThat(membersNow.get(member.getKey())).isEqualTo(member.getValue());
      }
    }
  }

  private static void assertNoDeletionWhileProjectsRemained() throws Exception {
    JsonNode deletions = get(sandbox.simulators().arm().baseUrl() + "/_sim/deletions");
    assertThat(deletions).isNotEmpty();
    for (JsonNode deletion : deletions) {
      assertThat(deletion.get("projectsInOrg").asInt()).as(deletion.toString()).isZero();
    }
  }

  private static Set<String> grantedEmails(JsonNode permissions) {
    return StreamSupport.stream(permissions.spliterator(), false)
        .map(p -> p.get("email").asText().toLowerCase())
        .collect(Collectors.toSet());
  }

  private static Map<String, Integer> neonCallCounts() throws Exception {
    Map<String, Integer> counts = new TreeMap<>();
    JsonNode byRoute = get(sandbox.simulators().neon().adminUrl() + "/calls").get("counts");
    byRoute
        .fields()
        .forEachRemaining(
            route -> {
              int total = 0;
              for (JsonNode n : route.getValue()) {
                total += n.asInt();
              }
              counts.put(route.getKey(), total);
            });
    return counts;
  }

  private static List<String> mutatingCallsSince(Map<String, Integer> before) throws Exception {
    List<String> changed = new ArrayList<>();
    neonCallCounts()
        .forEach(
            (route, n) -> {
              if (!route.startsWith("GET ") && n > before.getOrDefault(route, 0)) {
                changed.add(route);
              }
            });
    return changed;
  }

  /**
   * Neither the personal Neon key, the ARM token nor a replacement org key created in the
   * destination appears anywhere in the run's history (inputs, results, failures, details), not
   * even once its payloads are decrypted.
   */
  private static void assertNoSecretInHistory(WorkflowStub run, String destination) {
    List<String> created =
        sandbox.simulators().neon().state().orgKeys(destination).stream()
            .map(key -> key.token())
            .toList();
    assertThat(created).as("replacement keys created in %s", destination).isNotEmpty();
    History raw =
        client
            .fetchHistory(run.getExecution().getWorkflowId(), run.getExecution().getRunId())
            .getHistory();
    // the payloads are encrypted: decoded, as the codec server shows them, and as stored
    StringBuilder decoded = new StringBuilder(raw.toString());
    for (Payload payload : sandbox.payloadProtection().codec().decode(HistoryPayloads.in(raw))) {
      decoded.append('\n').append(payload.getData().toStringUtf8());
    }
    String history = decoded.toString();
    assertThat(history).contains("ci-deploy");
    assertThat(history).doesNotContain(SeedSpec.DEFAULT_API_KEY, ArmSimulator.DEFAULT_TOKEN);
    for (String secret : created) {
      assertThat(history).doesNotContain(secret);
    }
  }

  private static JsonNode org(String id) throws Exception {
    return get(sandbox.simulators().neon().adminUrl() + "/orgs/" + id);
  }

  private static int armResource(String name) throws Exception {
    String url =
        sandbox.simulators().arm().baseUrl()
            + "/subscriptions/00000000-0000-4000-8000-0000000a2e5d/resourceGroups/neon-sandbox-rg"
            + "/providers/Neon.Postgres/organizations/"
            + name
            + "?api-version="
            + ArmSimulator.API_VERSION;
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", "Bearer " + ArmSimulator.DEFAULT_TOKEN)
            .GET()
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static JsonNode get(String url) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static void put(String url, String body) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build();
    assertThat(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
        .as(url)
        .isEqualTo(200);
  }

  private static void delete(String url) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).DELETE().build();
    assertThat(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
        .as(url)
        .isEqualTo(200);
  }
}
