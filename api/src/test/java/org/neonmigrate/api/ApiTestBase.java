package org.neonmigrate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.TestInstance;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.migration.Approval;
import org.neonmigrate.workflows.migration.OrgMigrationWorkflow;

/** The API in environment "api" on an ephemeral port, against the shared embedded Temporal. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiTestBase implements TestPropertyProvider {

  @Inject
  @Client("/")
  HttpClient httpClient;

  Http http;

  @Override
  public Map<String, String> getProperties() {
    return Map.of(
        "temporal.address",
        EmbeddedTemporal.get().address,
        // the tests call with the sandbox's tokens (Http.OPERATOR, ...), refused by default; set
        // here because application-api.yml outranks application-test.yml
        "neonmigrate.api.demo-tokens-enabled",
        "true");
  }

  @Inject
  void http(@Client("/") HttpClient client) {
    this.http = new Http(client);
  }

  static String newOrgId(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static Map<String, Object> startBody(String sourceOrgId) {
    Map<String, Object> body = new HashMap<>();
    body.put("sourceOrgId", sourceOrgId);
    body.put("destinationOrgId", "org-neon-dest");
    body.put(
        "azure",
        new HashMap<>(
            Map.of(
                "subscriptionId", "6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                "resourceGroup", "rg-neon_prod.(eu)-1",
                "resourceName", "neon-org: main")));
    body.put("dryRun", false);
    return body;
  }

  Http.Answer start(String sourceOrgId, String token) {
    return http.post("/migrations", startBody(sourceOrgId), token);
  }

  /** Polls the status endpoint until the migration reaches the step. */
  Map<String, Object> awaitStep(String sourceOrgId, String step) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
    Map<String, Object> status = Map.of();
    while (Instant.now().isBefore(deadline)) {
      Http.Answer answer = http.get("/migrations/" + sourceOrgId, Http.VIEWER);
      if (answer.status() == 200) {
        status = answer.json();
        if (step.equals(status.get("step"))) {
          return status;
        }
      }
      sleep(100);
    }
    assertThat(status.get("step")).as("step of " + sourceOrgId).isEqualTo(step);
    return status;
  }

  /** Test-only signals the fake understands, sent straight to Temporal. */
  static void signalFake(String sourceOrgId, String what) {
    EmbeddedTemporal.get()
        .client
        .newWorkflowStub(OrgMigrationWorkflow.class, MigrationNames.orgMigrationId(sourceOrgId))
        .approve(new Approval(what, "test", null));
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
