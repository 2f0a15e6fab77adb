package org.neonmigrate.api.temporal;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.workflows.TaskQueues;

/**
 * Where the Temporal frontend is and how to reach it. Temporal Cloud needs either mTLS ({@code
 * tlsCertPath} + {@code tlsKeyPath}) or an {@code apiKey}; both imply TLS.
 *
 * @param taskQueue {@value TaskQueues#PROPERTY} ({@value TaskQueues#ENVIRONMENT_VARIABLE}), read
 *     through {@link TaskQueues} as the worker reads it
 * @param rpcTimeout how long one Temporal call may take
 * @param retryExpiration how long a failing call is retried before the API answers 503
 */
@ConfigurationProperties("temporal")
@Requires(env = ApiApplication.ENVIRONMENT)
public record TemporalSettings(
    @Bindable(defaultValue = "127.0.0.1:7233") String address,
    @Bindable(defaultValue = "default") String namespace,
    @Bindable(defaultValue = TaskQueues.DEFAULT) String taskQueue,
    @Bindable(defaultValue = "false") boolean tls,
    @Nullable String tlsCertPath,
    @Nullable String tlsKeyPath,
    @Nullable String apiKey,
    @Bindable(defaultValue = "10s") Duration rpcTimeout,
    @Bindable(defaultValue = "10s") Duration retryExpiration) {

  public boolean hasApiKey() {
    return apiKey != null && !apiKey.isBlank();
  }

  public boolean hasClientCertificate() {
    return tlsCertPath != null && !tlsCertPath.isBlank();
  }

  // the API key must never reach a log line, so the generated toString is replaced
  @Override
  public String toString() {
    return "TemporalSettings[address=%s, namespace=%s, taskQueue=%s, tls=%s, clientCertificate=%s,"
        + " apiKey=%s]"
            .formatted(
                address,
                namespace,
                taskQueue,
                tls,
                hasClientCertificate(),
                hasApiKey() ? "<set>" : "<none>");
  }
}
