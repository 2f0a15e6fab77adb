package org.neonmigrate.sandbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.neonmigrate.sandbox.seed.MigrationExample;

/** Drives the batch through the REST API with the sandbox's demo tokens. */
final class RestBatchDriver implements BatchDriver {
  static final String OPERATOR = "sandbox-operator";
  static final String APPROVER = "sandbox-approver";
  static final String VIEWER = "sandbox-viewer";

  private final String baseUrl;
  private final ObjectMapper json;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  RestBatchDriver(String baseUrl, ObjectMapper json) {
    this.baseUrl = baseUrl;
    this.json = json;
  }

  /** Thrown when the API has no batch routes (404 on {@code POST /batches}). */
  static final class NoBatchRoutes extends IOException {
    NoBatchRoutes(String message) {
      super(message);
    }
  }

  @Override
  public String start(String batchId, int concurrency, List<MigrationExample> orgs)
      throws IOException, InterruptedException {
    ObjectNode body = json.createObjectNode();
    body.put("batchId", batchId);
    body.put("concurrency", concurrency);
    ArrayNode migrations = body.putArray("migrations");
    for (MigrationExample e : orgs) {
      ObjectNode m = migrations.addObject();
      m.put("sourceOrgId", e.sourceOrgId());
      m.put("destinationOrgId", e.destinationOrgId());
      ObjectNode azure = m.putObject("azure");
      azure.put("subscriptionId", e.azure().subscriptionId());
      azure.put("resourceGroup", e.azure().resourceGroup());
      azure.put("resourceName", e.azure().resourceName());
      m.put("dryRun", false);
    }
    HttpResponse<String> r = send("POST", "/batches", OPERATOR, body);
    if (r.statusCode() == 404 || r.statusCode() == 405) {
      throw new NoBatchRoutes("POST /batches answered " + r.statusCode());
    }
    JsonNode answer = expect(r, 202, "POST /batches");
    return answer.path("workflowId").asText();
  }

  @Override
  public JsonNode progress(String batchId) throws IOException, InterruptedException {
    return patiently("GET", "/batches/" + batchId, VIEWER, null, 200, "GET /batches/{id}");
  }

  @Override
  public int approve(String batchId, String gate) throws IOException, InterruptedException {
    ObjectNode body = json.createObjectNode();
    body.put("gate", gate);
    body.put("comment", "approved by the benchmark");
    // approving twice is harmless: children that already passed the gate ignore it
    JsonNode answer =
        patiently(
            "POST",
            "/batches/" + batchId + "/approvals",
            APPROVER,
            body,
            202,
            "POST /batches/{id}/approvals");
    return answer.path("waiting").asInt();
  }

  @Override
  public JsonNode report(String batchId) throws IOException, InterruptedException {
    return patiently(
        "GET", "/batches/" + batchId + "/report", VIEWER, null, 200, "GET /batches/{id}/report");
  }

  /**
   * A 503 is the API saying Temporal did not answer in time (e.g. while the batch's next run
   * starts): an operator would try again, and so does the bench, for up to a minute.
   */
  private JsonNode patiently(
      String method, String path, String token, JsonNode body, int status, String what)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (true) {
      HttpResponse<String> r = send(method, path, token, body);
      if (r.statusCode() != 503 || System.nanoTime() > deadline) {
        return expect(r, status, what);
      }
      System.err.println("[bench] " + what + " answered 503; trying again");
      Thread.sleep(1000);
    }
  }

  @Override
  public String name() {
    return "rest";
  }

  private HttpResponse<String> send(String method, String path, String token, JsonNode body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode expect(HttpResponse<String> r, int status, String what) throws IOException {
    if (r.statusCode() != status) {
      String body = r.body();
      throw new IOException(
          what
              + " answered "
              + r.statusCode()
              + ": "
              + (body.length() > 500 ? body.substring(0, 500) + "..." : body));
    }
    return json.readTree(r.body());
  }
}
