package org.neonmigrate.sandbox.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.ApplicationContext;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neonmigrate.activities.NotificationActivitiesImpl;
import org.neonmigrate.workflows.activities.GateReminder;

/** Reminders of runs from before the notification contract reach the webhook in that contract. */
class ReminderWebhookTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpServer receiver;
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger answer = new AtomicInteger(204);
  private ApplicationContext context;
  private NotificationActivitiesImpl notifications;

  @BeforeEach
  void start() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    receiver.createContext(
        "/hooks/migrations",
        exchange -> {
          received.add(
              JSON.readTree(
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
          exchange.sendResponseHeaders(answer.get(), -1);
          exchange.close();
        });
    receiver.start();
    context =
        ApplicationContext.builder()
            .deduceEnvironment(false)
            .properties(
                Map.of(
                    "notifications.webhook-url",
                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/migrations",
                    "neon.api.key",
                    "unused-in-this-test"))
            .start();
    notifications = context.getBean(NotificationActivitiesImpl.class);
  }

  @AfterEach
  void stop() {
    context.close();
    receiver.stop(0);
  }

  @Test
  void aReminderIsPostedWithTheGateTheReasonAndHowLongTheRunHasWaited() {
    notifications.remindOperators(
        new GateReminder(
            "org-migration-org-a", "org-a", "azure-deletion", "all 5 projects verified", 240));

    assertThat(received).hasSize(1);
    JsonNode body = received.get(0);
    // runs from before the notification contract still remind by this method: same contract
    assertThat(body.get("version").asInt()).isEqualTo(1);
    assertThat(body.get("kind").asText()).isEqualTo("reminder");
    assertThat(body.get("workflowId").asText()).isEqualTo("org-migration-org-a");
    assertThat(body.get("gate").asText()).isEqualTo("azure-deletion");
    assertThat(body.get("waitingMinutes").asLong()).isEqualTo(240);
    assertThat(body.get("text").asText()).contains("azure-deletion", "240 min");
  }

  @Test
  void aWebhookThatRefusesTheCallIsNotRetriedButOneThatFailsIs() {
    GateReminder reminder =
        new GateReminder("org-migration-org-a", "org-a", "plan-upgrade", "x", 1);

    answer.set(404);
    ApplicationFailure refused =
        catchThrowableOfType(
            ApplicationFailure.class, () -> notifications.remindOperators(reminder));
    answer.set(503);
    ApplicationFailure failed =
        catchThrowableOfType(
            ApplicationFailure.class, () -> notifications.remindOperators(reminder));

    assertThat(refused.isNonRetryable()).isTrue();
    assertThat(refused.getOriginalMessage()).contains("404").doesNotContain("127.0.0.1");
    assertThat(failed.isNonRetryable()).isFalse();
  }
}
