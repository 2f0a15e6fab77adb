package org.neonmigrate.sandbox.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.util.JsonFormat;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neonmigrate.sandbox.Sandbox;
import org.neonmigrate.sandbox.SandboxOptions;
import org.neonmigrate.sandbox.temporal.DevServerTemporal;
import org.neonmigrate.workflows.MigrationNames;

/**
 * With payload encryption on (the sandbox's generated key), a migration run to its end through the
 * REST API leaves nothing readable in Temporal's history: read raw, as anyone with Temporal access
 * reads it, it holds no member email, org name or approver's comment; through the codec endpoint,
 * for a token that may read, it holds them all. On the CLI's dev server when there is one.
 */
class EncryptedHistoryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String ORG = "org-az-contoso-free";
  private static final String COMMENT =
      "Checked with Ines Moreau on the 14:00 call, ticket CHG-58213";

  /** What the seeded org and this run put into payloads, none of it part of a workflow ID. */
  private static final List<String> SECRETS =
      List.of(
          "dev2@contoso-free.example.com",
          "dev1@contoso-free.example.com",
          "contractor@partner.example.com",
          "operator@sandbox",
          "approver@sandbox",
          "neon-managed-contoso-free",
          COMMENT);

  @TempDir static Path dir;
  private static Sandbox sandbox;
  private static String api;
  private static History history;

  @BeforeAll
  static void runOneMigrationToTheEnd() throws Exception {
    sandbox =
        Sandbox.start(
            SandboxOptions.parse(
                "--neon-port",
                "0",
                "--arm-port",
                "0",
                "--temporal",
                "auto",
                "--temporal-dir",
                dir.resolve("temporal").toString(),
                "--temporal-port",
                "0",
                "--temporal-ui-port",
                "0",
                "--worker-port",
                "0",
                "--api-port",
                "0"));
    api = sandbox.apiUrl().orElseThrow();
    System.out.println(
        "Temporal: "
            + sandbox.temporal().description()
            + (sandbox.temporal() instanceof DevServerTemporal ? "" : " (no temporal CLI found)")
            + "; encryption "
            + sandbox.encryptionDescription());
    String body =
        """
        {"sourceOrgId":"org-az-contoso-free","destinationOrgId":"org-nm-contoso-free",
         "azure":{"subscriptionId":"00000000-0000-4000-8000-0000000a2e5d",
                  "resourceGroup":"neon-sandbox-rg","resourceName":"contoso-free"},
         "dryRun":false}""";
    assertThat(call("POST", "/migrations", "sandbox-operator", body).statusCode()).isEqualTo(202);
    awaitStatus(s -> "azure-deletion".equals(s.path("awaitingGate").asText(null)));
    HttpResponse<String> approved =
        call(
            "POST",
            "/migrations/" + ORG + "/approvals",
            "sandbox-approver",
            JSON.writeValueAsString(
                JSON.createObjectNode().put("gate", "azure-deletion").put("comment", COMMENT)));
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(202);
    awaitStatus(s -> "COMPLETED".equals(s.path("step").asText()));
    history = rawHistory(MigrationNames.orgMigrationId(ORG));
  }

  @AfterAll
  static void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  void theRawHistoryOfACompletedRunHoldsNoEmailOrgNameOrComment() {
    String raw = new String(history.toByteArray(), StandardCharsets.ISO_8859_1);
    assertThat(history.getEventsCount()).isGreaterThan(20);
    for (String secret : SECRETS) {
      assertThat(raw).as("raw history bytes").doesNotContain(secret);
    }
    // what stays readable: search attributes (the Web UI filters on them) and the IDs
    assertThat(raw).contains(ORG);
    List<Payload> payloads = HistoryPayloads.in(history);
    // the SDK writes the details of its version markers (Workflow.getVersion: a change id and a
    // version number) with its standard converter, never through ours: they stay readable
    List<Payload> versionMarkers = new ArrayList<>();
    history.getEventsList().stream()
        .filter(HistoryEvent::hasMarkerRecordedEventAttributes)
        .map(HistoryEvent::getMarkerRecordedEventAttributes)
        .filter(m -> m.getMarkerName().equals("Version"))
        .forEach(m -> versionMarkers.addAll(HistoryPayloads.in(m)));
    long plain =
        payloads.stream()
            .filter(p -> !"binary/encrypted".equals(encoding(p)))
            .filter(p -> !isSearchAttributeValue(p))
            .filter(p -> !versionMarkers.contains(p))
            .count();
    System.out.printf(
        "history: %d events, %d payloads, %d of them not encrypted (search attribute values)%n",
        history.getEventsCount(), payloads.size(), payloads.size() - countEncrypted(payloads));
    assertThat(plain).as("payloads that are neither encrypted nor search attributes").isZero();
  }

  @Test
  void theCodecEndpointDecodesTheHistoryForAViewerToken() throws Exception {
    List<Payload> encrypted =
        HistoryPayloads.in(history).stream()
            .filter(p -> "binary/encrypted".equals(encoding(p)))
            .toList();
    String body = JsonFormat.printer().print(Payloads.newBuilder().addAllPayloads(encrypted));

    HttpResponse<String> decoded = codec(body, "sandbox-viewer");

    assertThat(decoded.statusCode()).as(decoded.body()).isEqualTo(200);
    Payloads.Builder answer = Payloads.newBuilder();
    JsonFormat.parser().merge(decoded.body(), answer);
    assertThat(answer.getPayloadsCount()).isEqualTo(encrypted.size());
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (Payload p : answer.getPayloadsList()) {
      assertThat(encoding(p)).isNotEqualTo("binary/encrypted");
      p.getData().writeTo(all);
    }
    String plain = all.toString(StandardCharsets.UTF_8);
    for (String secret : SECRETS) {
      assertThat(plain).as("decoded history").contains(secret);
    }
  }

  @Test
  void theCodecEndpointDecodesNothingWithoutAValidToken() throws Exception {
    Payload one =
        HistoryPayloads.in(history).stream()
            .filter(p -> "binary/encrypted".equals(encoding(p)))
            .findFirst()
            .orElseThrow();
    String body = JsonFormat.printer().print(Payloads.newBuilder().addPayloads(one));
    for (String token : new String[] {null, "sandbox-viewer-guess"}) {
      HttpResponse<String> refused = codec(body, token);
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.body()).doesNotContain("@");
    }
  }

  private static long countEncrypted(List<Payload> payloads) {
    return payloads.stream().filter(p -> "binary/encrypted".equals(encoding(p))).count();
  }

  private static String encoding(Payload p) {
    return p.getMetadataMap().containsKey("encoding")
        ? p.getMetadataMap().get("encoding").toStringUtf8()
        : "";
  }

  /** Search attribute values are JSON payloads with a {@code type} (Keyword) in their metadata. */
  private static boolean isSearchAttributeValue(Payload p) {
    return p.getMetadataMap().containsKey("type");
  }

  /** The history as a client without the codec gets it: what Temporal stores. */
  private static History rawHistory(String workflowId) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(sandbox.temporal().target())
                .build());
    try {
      History.Builder all = History.newBuilder();
      com.google.protobuf.ByteString token = com.google.protobuf.ByteString.EMPTY;
      do {
        GetWorkflowExecutionHistoryResponse page =
            stubs
                .blockingStub()
                .getWorkflowExecutionHistory(
                    GetWorkflowExecutionHistoryRequest.newBuilder()
                        .setNamespace(MigrationNames.NAMESPACE)
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                        .setNextPageToken(token)
                        .build());
        all.addAllEvents(page.getHistory().getEventsList());
        token = page.getNextPageToken();
      } while (!token.isEmpty());
      return all.build();
    } finally {
      stubs.shutdownNow();
    }
  }

  private static HttpResponse<String> codec(String body, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(api + "/codec/decode"))
            .header("Content-Type", "application/json")
            .header("X-Namespace", MigrationNames.NAMESPACE)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode awaitStatus(Predicate<JsonNode> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    JsonNode status = null;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> answer = call("GET", "/migrations/" + ORG, "sandbox-viewer", null);
      if (answer.statusCode() == 200) {
        status = JSON.readTree(answer.body());
        if (condition.test(status)) {
          return status;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the migration never got there; last status " + status);
  }

  private static HttpResponse<String> call(String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(api + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
