package org.neonmigrate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.neonmigrate.workflows.MigrationNames;

/** Builds batch bodies and waits on batches through the API. */
abstract class BatchTestSupport extends ApiTestBase {

  static final String CSV_HEADER =
      "sourceOrgId,destinationOrgId,subscriptionId,resourceGroup,resourceName,dryRun";

  static List<String> orgIds(String prefix, int count) {
    String run = newOrgId(prefix);
    return IntStream.rangeClosed(1, count).mapToObj(i -> run + "-" + i).toList();
  }

  static Map<String, Object> batchBody(String batchId, Integer concurrency, List<String> sources) {
    Map<String, Object> body = new HashMap<>();
    if (batchId != null) {
      body.put("batchId", batchId);
    }
    if (concurrency != null) {
      body.put("concurrency", concurrency);
    }
    body.put("migrations", new ArrayList<>(sources.stream().map(ApiTestBase::startBody).toList()));
    return body;
  }

  static String csv(List<String> sources) {
    return CSV_HEADER
        + "\n"
        + sources.stream()
            .map(
                s ->
                    s
                        + ",org-neon-dest,6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d,"
                        + "\"rg-neon_prod.(eu)-1\",neon-org: main,false")
            .collect(Collectors.joining("\n"));
  }

  Http.Answer postCsv(String query, String csv, String token) {
    return http.send(HttpRequest.POST("/batches" + query, csv).contentType("text/csv"), token);
  }

  /** Polls the progress endpoint until it matches. */
  Map<String, Object> awaitProgress(String batchId, Predicate<Map<String, Object>> condition) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    Map<String, Object> progress = Map.of();
    while (Instant.now().isBefore(deadline)) {
      Http.Answer answer = http.get("/batches/" + batchId, Http.VIEWER);
      if (answer.status() == 200) {
        progress = answer.json();
        if (condition.test(progress)) {
          return progress;
        }
      }
      sleep(100);
    }
    throw new AssertionError("batch " + batchId + " never matched; last progress " + progress);
  }

  static void awaitClosed(String batchId) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      WorkflowExecutionStatus status =
          EmbeddedTemporal.get()
              .client
              .newUntypedWorkflowStub(MigrationNames.batchId(batchId))
              .describe()
              .getStatus();
      if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        return;
      }
      sleep(100);
    }
    assertThat(batchId).as("batch closed in time").isNull();
  }

  static int number(Map<String, Object> json, String field) {
    return ((Number) json.get(field)).intValue();
  }
}
