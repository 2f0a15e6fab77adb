package org.neonmigrate.activities;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.temporal.failure.ApplicationFailure;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.neonmigrate.activities.notify.NotificationConfiguration;
import org.neonmigrate.workflows.activities.GateReminder;
import org.neonmigrate.workflows.activities.NotificationActivities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Singleton
public class NotificationActivitiesImpl implements NotificationActivities {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationActivitiesImpl.class);

  static final String WEBHOOK_FAILED = "NotificationWebhookFailed";

  private final NotificationConfiguration configuration;
  private volatile HttpClient webhook;

  public NotificationActivitiesImpl(NotificationConfiguration configuration) {
    this.configuration = configuration;
  }

  @Override
  public void remindOperators(GateReminder reminder) {
    LOG.warn(
        "migration {} (source org {}) has waited {} min at gate {}: {}",
        reminder.workflowId(),
        reminder.sourceOrgId(),
        reminder.waitingMinutes(),
        reminder.gate(),
        reminder.reason());
    if (!configuration.hasWebhook()) {
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("text", text(reminder));
    body.put("workflowId", reminder.workflowId());
    body.put("sourceOrgId", reminder.sourceOrgId());
    body.put("gate", reminder.gate());
    body.put("reason", reminder.reason());
    body.put("waitingMinutes", reminder.waitingMinutes());
    URI url = URI.create(configuration.webhookUrl());
    try {
      client()
          .toBlocking()
          .exchange(HttpRequest.POST(url, body).contentType(MediaType.APPLICATION_JSON_TYPE));
    } catch (HttpClientResponseException e) {
      int status = e.getStatus().getCode();
      // the URL may embed a token: name the status, never the URL
      throw ApplicationFailure.newBuilder()
          .setType(WEBHOOK_FAILED)
          .setMessage("the notifications webhook answered " + status)
          .setNonRetryable(status >= 400 && status < 500 && status != 408 && status != 429)
          .build();
    } catch (HttpClientException e) {
      throw ApplicationFailure.newBuilder()
          .setType(WEBHOOK_FAILED)
          .setMessage("the notifications webhook did not answer: " + e.getClass().getSimpleName())
          .build();
    }
  }

  static String text(GateReminder reminder) {
    return "Neon migration "
        + reminder.workflowId()
        + " waits for approval at gate "
        + reminder.gate()
        + " for "
        + reminder.waitingMinutes()
        + " min: "
        + reminder.reason();
  }

  private HttpClient client() {
    HttpClient current = webhook;
    if (current == null) {
      synchronized (this) {
        if (webhook == null) {
          webhook = HttpClient.create(null);
        }
        current = webhook;
      }
    }
    return current;
  }

  @PreDestroy
  void close() {
    if (webhook != null) {
      webhook.close();
    }
  }
}
