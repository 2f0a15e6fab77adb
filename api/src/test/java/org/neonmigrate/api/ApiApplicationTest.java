package org.neonmigrate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.temporal.client.WorkflowClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neonmigrate.api.migration.MigrationsController;
import org.neonmigrate.api.security.ConfiguredTokenValidator;

class ApiApplicationTest {

  @Test
  void startRunsTheApiInThisJvmWithTheGivenProperties() {
    try (EmbeddedServer server =
        ApiApplication.start(
            Map.of(
                "micronaut.server.port", -1, "temporal.address", EmbeddedTemporal.get().address))) {
      assertThat(server.isRunning()).isTrue();
      assertThat(server.getApplicationContext().getEnvironment().getActiveNames()).contains("api");
      try (HttpClient client = HttpClient.create(server.getURL())) {
        Http http = new Http(client);
        assertThat(http.get("/health", null).status()).isEqualTo(200);
        http.get("/migrations/not-started-here", Http.VIEWER).assertProblem(404);
      }
    }
  }

  @Test
  void anotherContextOnTheSameClasspathGetsNoneOfTheApisBeans() {
    try (ApplicationContext worker = ApplicationContext.run(Map.of())) {
      assertThat(worker.getEnvironment().getActiveNames()).doesNotContain("api");
      assertThat(worker.containsBean(MigrationsController.class)).isFalse();
      assertThat(worker.containsBean(ConfiguredTokenValidator.class)).isFalse();
      assertThat(worker.containsBean(WorkflowClient.class)).isFalse();
      assertThat(
              worker.getProperty("neonmigrate.api.tokens.sandbox-operator.subject", String.class))
          .isEmpty();
    }
  }
}
