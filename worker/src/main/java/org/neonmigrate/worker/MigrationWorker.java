package org.neonmigrate.worker;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.neonmigrate.workflows.TaskQueues;
import org.neonmigrate.workflows.activities.AzureActivities;
import org.neonmigrate.workflows.activities.DiscoveryActivities;
import org.neonmigrate.workflows.activities.NotificationActivities;
import org.neonmigrate.workflows.activities.ReconfigureActivities;
import org.neonmigrate.workflows.activities.TransferActivities;
import org.neonmigrate.workflows.activities.VerifyActivities;
import org.neonmigrate.workflows.batch.BatchMigrationWorkflowImpl;
import org.neonmigrate.workflows.batch.BatchWaveWorkflowImpl;
import org.neonmigrate.workflows.budget.NeonApiBudgetWorkflowImpl;
import org.neonmigrate.workflows.fleet.FleetPlanActivities;
import org.neonmigrate.workflows.fleet.FleetPlanWorkflowImpl;
import org.neonmigrate.workflows.migration.OrgMigrationWorkflowImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the workflows and activities on the main task queue, the budget workflow on its own
 * queue, and polls both while the app runs.
 */
@Singleton
@Requires(env = WorkerApplication.ENVIRONMENT)
public class MigrationWorker {
  private static final Logger log = LoggerFactory.getLogger(MigrationWorker.class);

  private final WorkerFactory factory;
  private final TemporalProperties properties;
  private final TaskQueues taskQueues;
  private final Object[] activities;
  private final AtomicBoolean started = new AtomicBoolean();

  public MigrationWorker(
      WorkerFactory factory,
      TemporalProperties properties,
      TaskQueues taskQueues,
      DiscoveryActivities discovery,
      TransferActivities transfer,
      ReconfigureActivities reconfigure,
      VerifyActivities verify,
      AzureActivities azure,
      NotificationActivities notifications,
      FleetPlanActivities fleetPlan) {
    this.factory = factory;
    this.properties = properties;
    this.taskQueues = taskQueues;
    this.activities =
        new Object[] {discovery, transfer, reconfigure, verify, azure, notifications, fleetPlan};
  }

  @EventListener
  void onStartup(StartupEvent event) {
    long deadlockMillis = properties.deadlockDetectionTimeout().toMillis();
    Worker worker =
        factory.newWorker(
            taskQueues.main(),
            WorkerOptions.newBuilder()
                .setMaxConcurrentActivityExecutionSize(properties.maxConcurrentActivities())
                .setMaxConcurrentWorkflowTaskExecutionSize(properties.maxConcurrentWorkflowTasks())
                .setDefaultDeadlockDetectionTimeout(deadlockMillis)
                .build());
    // NeonApiBudget stays registered here for runs started on this queue before the budget had
    // its own: they continue as new onto the budget queue (NeonApiBudgetWorkflowImpl)
    worker.registerWorkflowImplementationTypes(
        OrgMigrationWorkflowImpl.class,
        BatchMigrationWorkflowImpl.class,
        BatchWaveWorkflowImpl.class,
        NeonApiBudgetWorkflowImpl.class,
        FleetPlanWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    // the budget's own queue and pollers: a backlog of migration tasks never delays a lease
    Worker budget =
        factory.newWorker(
            taskQueues.budget(),
            WorkerOptions.newBuilder()
                .setMaxConcurrentWorkflowTaskExecutionSize(properties.budgetWorkflowTasks())
                .setMaxConcurrentWorkflowTaskPollers(properties.budgetPollers())
                .setLocalActivityWorkerOnly(true)
                .setDefaultDeadlockDetectionTimeout(deadlockMillis)
                .build());
    budget.registerWorkflowImplementationTypes(NeonApiBudgetWorkflowImpl.class);
    factory.start();
    started.set(true);
    log.info(
        "Worker polling task queue {} (and {} for the Neon budget) on {} (namespace {})",
        taskQueues.main(),
        taskQueues.budget(),
        properties.address(),
        properties.namespace());
  }

  @EventListener
  void onShutdown(ShutdownEvent event) {
    if (started.compareAndSet(true, false)) {
      // let running activity attempts finish; Temporal retries whatever does not
      factory.shutdown();
      factory.awaitTermination(20, TimeUnit.SECONDS);
    }
  }

  public boolean isStarted() {
    return started.get() && factory.isStarted() && !factory.isShutdown();
  }
}
