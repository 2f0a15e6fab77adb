package org.neonmigrate.activities.notify;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * @param webhookUrl {@code notifications.webhook-url} (env {@code NOTIFICATIONS_WEBHOOK_URL}):
 *     where gate reminders are POSTed as JSON; unset means log only. Treated as a secret (chat
 *     webhooks embed a token), so it is never logged
 */
@ConfigurationProperties("notifications")
public record NotificationConfiguration(@Nullable String webhookUrl) {

  public boolean hasWebhook() {
    return webhookUrl != null && !webhookUrl.isBlank();
  }

  @Override
  public String toString() {
    return "NotificationConfiguration[webhookUrl=" + (hasWebhook() ? "***" : "<unset>") + "]";
  }
}
