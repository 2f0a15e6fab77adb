package org.neonmigrate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The API starts without Temporal and answers 503 problems until it is back. */
@MicronautTest(environments = ApiApplication.ENVIRONMENT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemporalUnreachableTest implements TestPropertyProvider {

  @Inject
  @Client("/")
  HttpClient client;

  @Override
  public Map<String, String> getProperties() {
    // a port nobody listens on
    return Map.of(
        "temporal.address",
        "127.0.0.1:" + EmbeddedTemporal.freePort(),
        "temporal.rpc-timeout",
        "1s",
        "neonmigrate.api.demo-tokens-enabled",
        "true");
  }

  @Test
  void everyTemporalBackedCallAnswers503WhileHealthStaysUp() {
    Http http = new Http(client);

    http.get("/migrations/some-org", Http.VIEWER).assertProblem(503, "retry later");
    http.get("/migrations", Http.VIEWER).assertProblem(503);
    http.post("/migrations", ApiTestBase.startBody("some-org"), Http.OPERATOR).assertProblem(503);
    http.post("/migrations/some-org/cancel", null, Http.OPERATOR).assertProblem(503);
    http.post("/migrations/some-org/approvals", Map.of("gate", "azure-deletion"), Http.APPROVER)
        .assertProblem(503);
    assertThat(http.get("/health", null).status()).isEqualTo(200);
  }
}
