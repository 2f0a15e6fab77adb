package org.neonmigrate.api.temporal;

import io.grpc.Metadata;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.serviceclient.rpcretry.DefaultStubServiceOperationRpcRetryOptions;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.workflows.TaskQueues;
import org.neonmigrate.workflows.codec.PayloadProtection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the connection to Temporal. The stubs connect lazily, so the API starts (and answers 503)
 * while Temporal is down.
 */
@Factory
@Requires(env = ApiApplication.ENVIRONMENT)
public class TemporalClientFactory {

  private static final Logger LOG = LoggerFactory.getLogger(TemporalClientFactory.class);
  private static final Metadata.Key<String> NAMESPACE_HEADER =
      Metadata.Key.of("temporal-namespace", Metadata.ASCII_STRING_MARSHALLER);

  // created at startup so that a bad TLS file fails the start instead of every request
  @Context
  @Bean(preDestroy = "shutdown")
  WorkflowServiceStubs workflowServiceStubs(TemporalSettings settings) {
    WorkflowServiceStubsOptions.Builder options =
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget(settings.address())
            .setRpcTimeout(settings.rpcTimeout())
            .setRpcQueryTimeout(settings.rpcTimeout())
            .setSystemInfoTimeout(settings.rpcTimeout())
            // an HTTP caller waits for this: answer 503 after seconds, not the SDK's minute
            .setRpcRetryOptions(
                DefaultStubServiceOperationRpcRetryOptions.getBuilder()
                    .setExpiration(settings.retryExpiration())
                    .build());
    if (settings.hasClientCertificate()) {
      options.setSslContext(sslContext(settings));
    } else if (settings.tls() || settings.hasApiKey()) {
      options.setEnableHttps(true);
    }
    if (settings.hasApiKey()) {
      String apiKey = settings.apiKey();
      options.addApiKey(() -> apiKey);
      // Temporal Cloud routes API-key calls by this header
      Metadata headers = new Metadata();
      headers.put(NAMESPACE_HEADER, settings.namespace());
      options.setHeaders(headers);
    }
    LOG.info("Temporal client for {}", settings);
    return WorkflowServiceStubs.newServiceStubs(options.build());
  }

  // created at startup so that a bad queue name fails the start instead of every request
  @Context
  TaskQueues taskQueues(TemporalSettings settings) {
    try {
      return TaskQueues.configured(settings.taskQueue());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(TaskQueues.PROPERTY + ": " + e.getMessage(), e);
    }
  }

  // created at startup so that wrong key settings fail the start instead of every request
  @Context
  PayloadProtection payloadProtection(Environment environment) {
    try {
      return PayloadProtection.configured(name -> environment.get(name, String.class).orElse(null));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("payload encryption: " + e.getMessage(), e);
    }
  }

  @Singleton
  WorkflowClient workflowClient(
      WorkflowServiceStubs stubs, TemporalSettings settings, PayloadProtection protection) {
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder()
            .setNamespace(settings.namespace())
            .setIdentity("neonmigrate-api")
            .setDataConverter(protection.dataConverter())
            .build());
  }

  private static io.grpc.netty.shaded.io.netty.handler.ssl.SslContext sslContext(
      TemporalSettings settings) {
    if (settings.tlsKeyPath() == null || settings.tlsKeyPath().isBlank()) {
      throw new ConfigurationException("temporal.tls-key-path is required with tls-cert-path");
    }
    try (InputStream cert = Files.newInputStream(Path.of(settings.tlsCertPath()));
        InputStream key = Files.newInputStream(Path.of(settings.tlsKeyPath()))) {
      return SimpleSslContextBuilder.forPKCS8(cert, key).build();
    } catch (IOException e) {
      throw new ConfigurationException(
          "cannot read the Temporal client certificate or key: " + e.getMessage(), e);
    }
  }
}
