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
import org.neonmigrate.api.security.TokenRegistry;

class ApiApplicationTest {

  @Test
  void startRunsTheApiInThisJvmWithTheGivenProperties() {
    EmbeddedServer started;
    try (EmbeddedServer server =
        ApiApplication.start(
            Map.of(
                "micronaut.server.port",
                -1,
                "temporal.address",
                EmbeddedTemporal.get().address,
                "neonmigrate.api.demo-tokens-enabled",
                true))) {
      started = server;
      assertThat(server.isRunning()).isTrue();
      assertThat(server.getApplicationContext().getEnvironment().getActiveNames()).contains("api");
      try (HttpClient client = HttpClient.create(server.getURL())) {
        Http http = new Http(client);
        assertThat(http.get("/health", null).status()).isEqualTo(200);
        http.get("/migrations/not-started-here", Http.VIEWER).assertProblem(404);
      }
    }
    assertThat(started.isRunning()).isFalse();
    assertThat(started.getApplicationContext().isRunning()).isFalse();
  }

  @Test
  void demoTokensCanBeSwitchedOffAndTokensAddedThroughProperties() {
    try (EmbeddedServer server =
        ApiApplication.start(
            Map.of(
                "micronaut.server.port",
                -1,
                "temporal.address",
                EmbeddedTemporal.get().address,
                "neonmigrate.api.demo-tokens-enabled",
                false,
                "neonmigrate.api.tokens.ci.sha256",
                "f82da6e2b2e51c046a2eaf10964ef184b69c0aee9892f10a2a7b657477d407e6",
                "neonmigrate.api.tokens.ci.subject",
                "ci@example.com",
                "neonmigrate.api.tokens.ci.roles",
                "viewer"))) {
      try (HttpClient client = HttpClient.create(server.getURL())) {
        Http http = new Http(client);
        http.get("/migrations/any-org", Http.VIEWER).assertProblem(401);
        http.get("/migrations/any-org", "ci-secret").assertProblem(404);
        http.post("/migrations", ApiTestBase.startBody("any-org"), "ci-secret").assertProblem(403);
      }
    }
  }

  @Test
  void wrongEncryptionKeySettingsStopTheStartWithoutQuotingKeyMaterial() {
    String shortKey = java.util.Base64.getEncoder().encodeToString(new byte[16]);
    Throwable failure =
        org.assertj.core.api.Assertions.catchThrowable(
            () ->
                ApiApplication.start(
                        Map.of(
                            "micronaut.server.port",
                            -1,
                            "temporal.address",
                            EmbeddedTemporal.get().address,
                            "neonmigrate.codec.keys",
                            "k1=" + shortKey))
                    .close());
    assertThat(failure).isNotNull();
    StringBuilder messages = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append('\n');
    }
    assertThat(messages.toString())
        .contains("payload encryption")
        .contains("key k1) is 16 bytes; AES-256 needs 32")
        .doesNotContain(shortKey);
  }

  @Test
  void outsideTestsAndTheSandboxTheDemoTokensAreRefused() {
    // no "test" environment, so application-test.yml (which turns them on) is not read
    try (ApplicationContext api =
        ApplicationContext.builder()
            .deduceEnvironment(false)
            .environments(ApiApplication.ENVIRONMENT)
            .properties(Map.of("temporal.address", EmbeddedTemporal.get().address))
            .start()) {
      assertThat(api.getEnvironment().getActiveNames()).containsExactly(ApiApplication.ENVIRONMENT);
      assertThat(api.getBean(ApiSettings.class).demoTokensEnabled()).isFalse();
      TokenRegistry tokens = api.getBean(TokenRegistry.class);
      assertThat(tokens.find(Http.OPERATOR)).isEmpty();
      assertThat(tokens.find(Http.APPROVER)).isEmpty();
      assertThat(tokens.find(Http.VIEWER)).isEmpty();
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
