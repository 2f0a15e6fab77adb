package org.neonmigrate.worker;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.TaskQueues;

/**
 * Where the worker finds Temporal ({@code TEMPORAL_ADDRESS}, {@code TEMPORAL_NAMESPACE}) and how
 * hard it works.
 *
 * @param taskQueue {@value TaskQueues#PROPERTY} ({@value TaskQueues#ENVIRONMENT_VARIABLE}), read
 *     through {@link TaskQueues} as the API reads it
 * @param apiKey Temporal Cloud API key ({@code TEMPORAL_API_KEY}); turns TLS on; never logged
 * @param tls use TLS with the JVM's trust store (Temporal Cloud, self-hosted with TLS)
 * @param maxConcurrentActivities activity slots; Neon's rate limit, not CPU, bounds throughput
 * @param maxConcurrentWorkflowTasks workflow task slots
 * @param budgetWorkflowTasks workflow task slots of the budget queue's own worker: one update is a
 *     few microseconds of work, so a few slots serve the whole fleet's leases
 * @param budgetPollers workflow task pollers of the budget queue's worker
 * @param deadlockDetectionTimeout how long one workflow task may hold a workflow thread before the
 *     SDK calls it a deadlock; the SDK's 1 s trips on replays (e.g. for a query) on a CPU-starved
 *     machine
 */
@Requires(env = WorkerApplication.ENVIRONMENT)
@ConfigurationProperties("temporal")
public record TemporalProperties(
    @Bindable(defaultValue = "127.0.0.1:7233") String address,
    @Bindable(defaultValue = MigrationNames.NAMESPACE) String namespace,
    @Bindable(defaultValue = TaskQueues.DEFAULT) String taskQueue,
    @Nullable String apiKey,
    @Bindable(defaultValue = "false") boolean tls,
    @Bindable(defaultValue = "100") int maxConcurrentActivities,
    @Bindable(defaultValue = "50") int maxConcurrentWorkflowTasks,
    @Bindable(defaultValue = "10") int budgetWorkflowTasks,
    @Bindable(defaultValue = "2") int budgetPollers,
    @Bindable(defaultValue = "5s") Duration deadlockDetectionTimeout) {

  @Override
  public String toString() {
    // apiKey deliberately left out: configuration gets logged when startup fails
    return "TemporalProperties[address=%s, namespace=%s, taskQueue=%s, tls=%s]"
        .formatted(address, namespace, taskQueue, tls || apiKey != null);
  }
}
