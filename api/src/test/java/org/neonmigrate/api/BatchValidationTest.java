package org.neonmigrate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.neonmigrate.workflows.batch.BatchRequest;

@MicronautTest(environments = ApiApplication.ENVIRONMENT)
class BatchValidationTest extends BatchTestSupport {

  @Inject EmbeddedServer server;

  static Stream<Arguments> invalidJsonBatches() {
    return Stream.of(
        invalid("batchId", b -> b.put("batchId", "Batch_1"), "batchId", "lowercase letters"),
        invalid("concurrency", b -> b.put("concurrency", 0), "concurrency", "at least 1"),
        invalid("concurrency", b -> b.put("concurrency", 201), "concurrency", "at most 200"),
        invalid("missing migrations", b -> b.remove("migrations"), "migrations", "required"),
        invalid(
            "resource group",
            b -> azure(row(b, 1)).put("resourceGroup", "rg-ends-with."),
            "row 2: azure.resourceGroup",
            "period"),
        invalid(
            "subscription",
            b -> azure(row(b, 2)).put("subscriptionId", "nope"),
            "row 3: azure.subscriptionId",
            "GUID"),
        invalid("dryRun", b -> row(b, 0).remove("dryRun"), "row 1: dryRun", "is required"),
        invalid(
            "same org",
            b -> row(b, 0).put("destinationOrgId", row(b, 0).get("sourceOrgId")),
            "row 1: destinationOrgId",
            "must differ"),
        invalid(
            "duplicate",
            b -> row(b, 2).put("sourceOrgId", row(b, 0).get("sourceOrgId")),
            "row 3: sourceOrgId",
            "already in row 1"),
        invalid(
            "unknown field",
            b -> row(b, 1).put("dryrun", true),
            "Unknown field 'dryrun'",
            "dryRun"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidJsonBatches")
  void anInvalidJsonBatchIs400NamingTheRowAndField(
      String name, Consumer<Map<String, Object>> breakIt, String field, String rule) {
    Map<String, Object> body = batchBody(newOrgId("invalid"), null, orgIds("inv", 3));
    breakIt.accept(body);

    http.post("/batches", body, Http.OPERATOR).assertProblem(400, field, rule);
  }

  @Test
  void anEmptyBatchIs400() {
    http.send(
            HttpRequest.POST("/batches", "{\"migrations\": []}").contentType("application/json"),
            Http.OPERATOR)
        .assertProblem(400, "migrations", "must not be empty");
  }

  @Test
  void moreThanFiftyThousandMigrationsAre400() {
    http.post(
            "/batches",
            batchBody(null, null, orgIds("many", BatchRequest.MAX_TOTAL + 1)),
            Http.OPERATOR)
        .assertProblem(400, "migrations", "at most 50000");
  }

  static Stream<Arguments> invalidCsvBatches() {
    String good = csv(List.of("org-a", "org-b"));
    return Stream.of(
        Arguments.of("", "", "header", "missing"),
        Arguments.of("", good.replace(",dryRun", ""), "header", "lacks column dryRun"),
        Arguments.of("", good.replace("dryRun", "dryRun,colour"), "header", "unknown column"),
        Arguments.of("", good.replace("org-b,org-neon-dest,", "org-b,"), "row 2", "columns"),
        Arguments.of("", good.replace("main,false", "main,maybe"), "row 1: dryRun", "true or"),
        Arguments.of("", good.replace("org-b,", "Org_B,"), "row 2: sourceOrgId", "lowercase"),
        Arguments.of("", good.replace("org-b,", "org-a,"), "row 2: sourceOrgId", "row 1"),
        Arguments.of("?concurrency=500", good, "concurrency", "at most 200"),
        Arguments.of("?batchId=NO", good, "batchId", "lowercase"));
  }

  @ParameterizedTest(name = "{2}: {3}")
  @MethodSource("invalidCsvBatches")
  void anInvalidCsvBatchIs400NamingTheRowAndField(
      String query, String csv, String field, String rule) {
    postCsv(query, csv, Http.OPERATOR).assertProblem(400, field, rule);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET /batches/no-such-batch",
        "GET /batches/no-such-batch/report",
        "POST /batches/no-such-batch/approvals",
        "POST /batches/no-such-batch/rejections",
        "POST /batches/no-such-batch/pause",
        "POST /batches/no-such-batch/resume",
        "POST /batches/no-such-batch/cancel"
      })
  void anUnknownBatchIs404(String call) {
    String[] parts = call.split(" ");
    Map<String, Object> body = Map.of("gate", "azure-deletion", "reason", "no");
    Http.Answer answer =
        parts[0].equals("GET")
            ? http.get(parts[1], Http.OPERATOR)
            : http.post(
                parts[1],
                parts[1].endsWith("approvals") ? Map.of("gate", "azure-deletion") : body,
                parts[1].matches(".*/(approvals|rejections)$") ? Http.TWO_HATS : Http.OPERATOR);
    if (parts[1].endsWith("pause") || parts[1].endsWith("resume")) {
      answer = http.post(parts[1], Map.of("reason", "x"), Http.OPERATOR);
    }
    answer.assertProblem(404, "no-such-batch");
  }

  @Test
  void eachActionNeedsItsRole() {
    Map<String, Object> body = batchBody(null, null, List.of("org-role"));
    http.post("/batches", body, Http.VIEWER).assertProblem(403, "operator");
    http.post("/batches", body, Http.APPROVER).assertProblem(403);
    postCsv("", csv(List.of("org-role")), Http.VIEWER).assertProblem(403);
    http.post("/batches/some-batch/approvals", Map.of("gate", "azure-deletion"), Http.OPERATOR)
        .assertProblem(403);
    http.post(
            "/batches/some-batch/rejections",
            Map.of("gate", "azure-deletion", "reason", "no"),
            Http.VIEWER)
        .assertProblem(403);
    http.post("/batches/some-batch/pause", Map.of(), Http.APPROVER).assertProblem(403);
    http.post("/batches/some-batch/cancel", null, Http.VIEWER).assertProblem(403);
    http.get("/batches/some-batch", null).assertProblem(401);
  }

  @Test
  void onlyBatchStartsMayHaveLargeBodies() {
    Map<String, Object> approval = new HashMap<>(Map.of("gate", "azure-deletion"));
    approval.put("comment", "x".repeat(70_000));

    http.post("/batches/some-batch/approvals", approval, Http.APPROVER).assertProblem(413, "64 KB");
  }

  @Test
  void aCsvWithAByteOrderMarkIsAccepted() {
    String batchId = newOrgId("bom");
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] text = csv(orgIds("bom", 2)).getBytes(StandardCharsets.UTF_8);
    byte[] file = new byte[bom.length + text.length];
    System.arraycopy(bom, 0, file, 0, bom.length);
    System.arraycopy(text, 0, file, bom.length, text.length);

    Http.Answer started =
        http.send(
            HttpRequest.POST("/batches?batchId=" + batchId, file).contentType("text/csv"),
            Http.OPERATOR);

    assertThat(started.status()).as(started.body()).isEqualTo(202);
    assertThat(started.json()).containsEntry("total", 2);
    http.post("/batches/" + batchId + "/cancel", null, Http.OPERATOR);
  }

  @Test
  void aCsvWithMoreRowsThanABatchTakesIsRefusedWithoutWaitingForItsEnd() {
    // the body never ends: the answer can only come from a reader that stops at the limit
    List<String> lines = csv(orgIds("over", BatchRequest.MAX_TOTAL + 1)).lines().toList();

    Http.Answer answer =
        ChunkedPost.send(
            server.getPort(),
            "/batches",
            "text/csv",
            Http.OPERATOR,
            ChunkedPost.lines(lines, 8192),
            false,
            Duration.ofSeconds(30));

    answer.assertProblem(400, "more than 50000 rows", "several batches");
  }

  @Test
  @SuppressWarnings("unchecked")
  void thousandsOfBadCsvRowsGetTheFirstHundredProblemsInRowOrder() {
    List<String> lines = new ArrayList<>(csv(orgIds("bad", 3_000)).lines().toList());
    for (int row = 1; row < lines.size(); row++) {
      String line = lines.get(row).replace("6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "nope");
      lines.set(row, row % 2 == 0 ? line.replace(",false", ",maybe") : line);
    }

    Http.Answer answer =
        postCsv("", String.join("\n", lines), Http.OPERATOR)
            .assertProblem(400, "stopped after the first 100 problems");

    List<Map<String, Object>> violations =
        (List<Map<String, Object>>) answer.json().get("violations");
    assertThat(violations).hasSize(100);
    assertThat(violations)
        .extracting(v -> v.get("field"))
        .startsWith("row 1: azure.subscriptionId", "row 2: dryRun", "row 2: azure.subscriptionId");
    assertThat(answer.body().length()).isLessThan(64 * 1024);
  }

  @Test
  @SuppressWarnings("unchecked")
  void thousandsOfBadJsonRowsGetTheFirstHundredProblems() {
    Map<String, Object> body = batchBody(null, null, orgIds("bad-json", 3_000));
    ((List<Map<String, Object>>) body.get("migrations"))
        .forEach(row -> azure(row).put("subscriptionId", "nope"));

    Http.Answer answer =
        http.post("/batches", body, Http.OPERATOR)
            .assertProblem(400, "row 1: azure.subscriptionId", "stopped after the first 100");

    assertThat((List<Object>) answer.json().get("violations")).hasSize(100);
  }

  static Stream<Arguments> overlongCsv() {
    String good = csv(List.of("org-a", "org-b"));
    return Stream.of(
        Arguments.of(
            good.replace("org-b,org-neon-dest", "org-b," + "d".repeat(300)),
            "row 2: destinationOrgId",
            "longer than 256 characters"),
        Arguments.of(
            good.replace("org-a,", "\"org-a,") + "\n" + good.repeat(20),
            "row 1: sourceOrgId",
            "a quote that is never closed"),
        Arguments.of(
            good.replace("main,false", "main,false" + ",x".repeat(3_000)),
            "row 1",
            "longer than 4096 characters"),
        Arguments.of(
            "h".repeat(300) + "," + good, "header: column 1", "longer than 256 characters"));
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("overlongCsv")
  void anOverlongCsvFieldOrLineIs400NamingWhere(String csv, String where, String rule) {
    postCsv("", csv, Http.OPERATOR).assertProblem(400, where, rule);
  }

  @Test
  void aCsvThatIsNotUtf8Is400() {
    byte[] latin1 = csv(List.of("org-caf\u00e9")).getBytes(StandardCharsets.ISO_8859_1);

    http.send(HttpRequest.POST("/batches", latin1).contentType("text/csv"), Http.OPERATOR)
        .assertProblem(400, "UTF-8", "line 2");
  }

  @Test
  void aChunkedBatchOverSixteenMegabytesIs413() {
    String padding = "x".repeat(17 * 1024 * 1024);

    ChunkedPost.sendWhole(
            server.getPort(),
            "/batches",
            "application/json",
            Http.OPERATOR,
            ("{\"migrations\": [], \"padding\": \"" + padding + "\"}")
                .getBytes(StandardCharsets.UTF_8))
        .assertProblem(413, "16 MB");
  }

  @Test
  void aChunkedBatchIsRefusedOnceItPassesSixteenMegabytesWithoutWaitingForItsEnd() {
    Http.Answer answer =
        ChunkedPost.send(
            server.getPort(),
            "/batches",
            "application/json",
            Http.OPERATOR,
            ChunkedPost.body("{\"migrations\": [], \"padding\": \"", 16 * 128 + 16, 8192, 'x'),
            false,
            Duration.ofSeconds(30));

    answer.assertProblem(413, "16 MB");
  }

  private static Arguments invalid(
      String name, Consumer<Map<String, Object>> breakIt, String field, String rule) {
    return Arguments.of(name, breakIt, field, rule);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> row(Map<String, Object> body, int index) {
    return ((List<Map<String, Object>>) body.get("migrations")).get(index);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> azure(Map<String, Object> row) {
    Map<String, Object> azure = new HashMap<>((Map<String, Object>) row.get("azure"));
    row.put("azure", azure);
    return azure;
  }
}
