package org.neonmigrate.activities;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.neonmigrate.activities.metrics.ActivityMetrics;
import org.neonmigrate.activities.notify.NotificationConfiguration;
import org.neonmigrate.activities.notify.NotificationTexts;
import org.neonmigrate.activities.notify.WebhookSignature;
import org.neonmigrate.workflows.activities.GateReminder;
import org.neonmigrate.workflows.activities.NotificationActivities;
import org.neonmigrate.workflows.activities.OperatorNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs operator notifications to the configured webhook: version 1 of the contract in README
 * ("Notifications"), signed when a secret is configured. A failed POST throws for Temporal to retry
 * (a 4xx other than 408/429 is not retried); the workflow drops it after the retries.
 */
@Singleton
public class NotificationActivitiesImpl implements NotificationActivities {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationActivitiesImpl.class);

  public static final int CONTRACT_VERSION = 1;
  static final String WEBHOOK_FAILED = "NotificationWebhookFailed";

  // a receiver that hangs costs an attempt 5 s, not the activity's whole timeout
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);

  private final NotificationConfiguration configuration;
  private final ObjectMapper json;
  private final ActivityMetrics metrics;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(CONNECT_TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  public NotificationActivitiesImpl(
      NotificationConfiguration configuration, ObjectMapper json, ActivityMetrics metrics) {
    this.configuration = configuration;
    this.json = json;
    this.metrics = metrics;
    if (configuration.hasWebhook() && !configuration.signs()) {
      LOG.warn(
          "notifications.webhook-url is set without notifications.webhook-secret: notifications"
              + " are sent unsigned");
    }
  }

  @Override
  public void remindOperators(GateReminder reminder) {
    notifyOperators(
        new OperatorNotification(
            OperatorNotification.KIND_REMINDER,
            Instant.now().toString(),
            reminder.workflowId(),
            null,
            reminder.sourceOrgId(),
            null,
            null,
            reminder.gate(),
            reminder.reason(),
            reminder.waitingMinutes(),
            null,
            null,
            null,
            null,
            null));
  }

  @Override
  public void notifyOperators(OperatorNotification notification) {
    String text = NotificationTexts.text(notification);
    LOG.info("notification {}: {}", notification.kind(), text);
    if (!configuration.hasWebhook()) {
      metrics.notification(notification.kind(), "log_only");
      return;
    }
    byte[] body = body(notification, text);
    long timestamp = Instant.now().getEpochSecond();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(configuration.webhookUrl()))
            .timeout(ANSWER_TIMEOUT)
            .header("Content-Type", "application/json")
            .header("User-Agent", "neonmigrate-worker")
            .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    deliveryId().ifPresent(id -> request.header(WebhookSignature.DELIVERY_HEADER, id));
    if (configuration.signs()) {
      request.header(
          WebhookSignature.SIGNATURE_HEADER,
          WebhookSignature.sign(configuration.webhookSecret(), timestamp, body));
    }
    int status;
    try {
      status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      metrics.notification(notification.kind(), "failed");
      // the URL may embed a token: name the kind of failure, never the URL
      throw ApplicationFailure.newBuilder()
          .setType(WEBHOOK_FAILED)
          .setMessage("the notifications webhook did not answer: " + e.getClass().getSimpleName())
          .build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newBuilder()
          .setType(WEBHOOK_FAILED)
          .setMessage("interrupted while sending the notification")
          .build();
    }
    if (status >= 200 && status < 300) {
      metrics.notification(notification.kind(), "delivered");
      return;
    }
    boolean refused = status >= 400 && status < 500 && status != 408 && status != 429;
    metrics.notification(notification.kind(), refused ? "refused" : "failed");
    throw ApplicationFailure.newBuilder()
        .setType(WEBHOOK_FAILED)
        .setMessage("the notifications webhook answered " + status)
        .setNonRetryable(refused)
        .build();
  }

  /** The JSON body: version, kind and text first, then the fields that apply. */
  byte[] body(OperatorNotification n, String text) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", CONTRACT_VERSION);
    body.put("kind", n.kind());
    body.put("text", text);
    body.put("occurredAt", n.occurredAt());
    body.put("workflowId", n.workflowId());
    putIfSet(body, "batchId", n.batchId());
    putIfSet(body, "sourceOrgId", n.sourceOrgId());
    putIfSet(body, "destinationOrgId", n.destinationOrgId());
    putIfSet(body, "step", n.step());
    putIfSet(body, "gate", n.gate());
    putIfSet(body, "reason", n.reason());
    putIfSet(body, "waitingMinutes", n.waitingMinutes());
    putIfSet(body, "approver", n.approver());
    putIfSet(body, "approved", n.approved());
    putIfSet(body, "error", n.error());
    putIfSet(body, "counts", n.counts());
    putIfSet(body, "waitingAtGates", n.waitingAtGates());
    try {
      return json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "could not write the notification: " + e.getOriginalMessage(), WEBHOOK_FAILED);
    }
  }

  private static void putIfSet(Map<String, Object> body, String key, Object value) {
    if (value != null) {
      body.put(key, value);
    }
  }

  /** The same for every attempt of one notification, so a receiver can drop duplicates. */
  private static Optional<String> deliveryId() {
    return ActivityHeartbeat.context()
        .map(ActivityExecutionContext::getInfo)
        .map(info -> info.getWorkflowId() + "/" + info.getActivityId());
  }
}
