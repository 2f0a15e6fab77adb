package org.neonmigrate.worker;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.neonmigrate.workflows.TaskQueues;
import org.neonmigrate.workflows.codec.PayloadProtection;

/** Builds the Temporal connection, client and worker factory from {@link TemporalProperties}. */
@Factory
@Requires(env = WorkerApplication.ENVIRONMENT)
public class TemporalFactory {

  @Singleton
  @Bean(preDestroy = "close")
  Scope temporalMetricsScope(MeterRegistry registry) {
    // 10 s matches a typical Prometheus scrape interval
    return new RootScopeBuilder()
        .reporter(new MicrometerClientStatsReporter(registry))
        .reportEvery(com.uber.m3.util.Duration.ofSeconds(10));
  }

  @Singleton
  @Bean(preDestroy = "shutdown")
  WorkflowServiceStubs workflowServiceStubs(TemporalProperties properties, Scope metricsScope) {
    WorkflowServiceStubsOptions.Builder options =
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget(properties.address())
            .setMetricsScope(metricsScope)
            .setRpcTimeout(Duration.ofSeconds(10));
    if (properties.apiKey() != null && !properties.apiKey().isBlank()) {
      String apiKey = properties.apiKey();
      options.setEnableHttps(true).addApiKey(() -> apiKey);
    } else if (properties.tls()) {
      options.setEnableHttps(true);
    }
    // lazy: the worker process starts (and reports unhealthy) even while Temporal is down
    return WorkflowServiceStubs.newServiceStubs(options.build());
  }

  @Singleton
  TaskQueues taskQueues(TemporalProperties properties) {
    try {
      return TaskQueues.configured(properties.taskQueue());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(TaskQueues.PROPERTY + ": " + e.getMessage(), e);
    }
  }

  @Singleton
  PayloadProtection payloadProtection(Environment environment) {
    try {
      return PayloadProtection.configured(name -> environment.get(name, String.class).orElse(null));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("payload encryption: " + e.getMessage(), e);
    }
  }

  @Singleton
  WorkflowClient workflowClient(
      WorkflowServiceStubs stubs, TemporalProperties properties, PayloadProtection protection) {
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder()
            .setNamespace(properties.namespace())
            .setDataConverter(protection.dataConverter())
            .build());
  }

  @Singleton
  @Bean(preDestroy = "shutdown")
  WorkerFactory workerFactory(WorkflowClient client) {
    return WorkerFactory.newInstance(client);
  }
}
