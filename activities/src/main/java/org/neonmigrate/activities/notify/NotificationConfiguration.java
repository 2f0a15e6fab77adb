package org.neonmigrate.activities.notify;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * @param webhookUrl {@code notifications.webhook-url} (env {@code NOTIFICATIONS_WEBHOOK_URL}):
 *     where operator notifications are POSTed as JSON; unset means log only. Treated as a secret
 *     (chat webhooks embed a token), so it is never logged
 * @param webhookSecret {@code notifications.webhook-secret} (env {@code
 *     NOTIFICATIONS_WEBHOOK_SECRET}): the HMAC-SHA256 key of the {@code X-Neonmigrate-Signature}
 *     header; unset means unsigned. Never logged
 */
@ConfigurationProperties("notifications")
public record NotificationConfiguration(
    @Nullable String webhookUrl, @Nullable String webhookSecret) {

  public boolean hasWebhook() {
    return webhookUrl != null && !webhookUrl.isBlank();
  }

  public boolean signs() {
    return webhookSecret != null && !webhookSecret.isEmpty();
  }

  @Override
  public String toString() {
    return "NotificationConfiguration[webhookUrl="
        + (hasWebhook() ? "***" : "<unset>")
        + ", webhookSecret="
        + (signs() ? "***" : "<unset>")
        + "]";
  }
}
