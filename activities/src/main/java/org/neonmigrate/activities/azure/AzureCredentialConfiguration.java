package org.neonmigrate.activities.azure;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Which Azure credential the worker uses for ARM; see {@link ArmCredentialFactory}.
 *
 * @param staticToken {@code azure.static-token}: a fixed bearer token, for the ARM simulator only
 * @param tenantId {@code azure.tenant-id} (env {@code AZURE_TENANT_ID})
 * @param clientId {@code azure.client-id} (env {@code AZURE_CLIENT_ID})
 * @param clientSecret {@code azure.client-secret} (env {@code AZURE_CLIENT_SECRET}); with the two
 *     above selects a service principal, otherwise DefaultAzureCredential (managed or workload
 *     identity, Azure CLI, ...) is used
 */
@ConfigurationProperties("azure")
public record AzureCredentialConfiguration(
    @Nullable String staticToken,
    @Nullable String tenantId,
    @Nullable String clientId,
    @Nullable String clientSecret) {

  public boolean hasStaticToken() {
    return present(staticToken);
  }

  public boolean hasClientSecret() {
    return present(tenantId) && present(clientId) && present(clientSecret);
  }

  /** Keeps the token and the secret out of any log line that prints the configuration. */
  @Override
  public String toString() {
    return "AzureCredentialConfiguration[tenantId="
        + tenantId
        + ", clientId="
        + clientId
        + ", staticToken="
        + (hasStaticToken() ? "***" : "<unset>")
        + ", clientSecret="
        + (present(clientSecret) ? "***" : "<unset>")
        + "]";
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
