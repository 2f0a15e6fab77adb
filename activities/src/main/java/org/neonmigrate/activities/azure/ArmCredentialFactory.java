package org.neonmigrate.activities.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The credential for ARM, chosen by configuration: static token, service principal, or default. */
@Factory
public class ArmCredentialFactory {

  private static final Logger LOG = LoggerFactory.getLogger(ArmCredentialFactory.class);

  @Singleton
  @Named("arm")
  public TokenCredential armCredential(AzureCredentialConfiguration configuration) {
    if (configuration.hasStaticToken()) {
      LOG.warn("ARM credential: azure.static-token (meant for the ARM simulator only)");
      return new StaticTokenCredential(configuration.staticToken());
    }
    if (configuration.hasClientSecret()) {
      LOG.info("ARM credential: service principal {}", configuration.clientId());
      return new ClientSecretCredentialBuilder()
          .tenantId(configuration.tenantId())
          .clientId(configuration.clientId())
          .clientSecret(configuration.clientSecret())
          .build();
    }
    LOG.info("ARM credential: DefaultAzureCredential (managed/workload identity, environment)");
    return new DefaultAzureCredentialBuilder().build();
  }
}
