package org.neonmigrate.worker;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Ready when the worker polls and Temporal answers; shown under {@code /health}. */
@Singleton
@Readiness
@Requires(env = WorkerApplication.ENVIRONMENT)
public class TemporalHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

  private final WorkflowServiceStubs stubs;
  private final MigrationWorker worker;
  private final TemporalProperties properties;

  public TemporalHealthIndicator(
      WorkflowServiceStubs stubs, MigrationWorker worker, TemporalProperties properties) {
    this.stubs = stubs;
    this.worker = worker;
    this.properties = properties;
  }

  @Override
  protected Map<String, Object> getHealthInformation() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("address", properties.address());
    details.put("taskQueue", properties.taskQueue());
    details.put("polling", worker.isStarted());
    try {
      stubs
          .blockingStub()
          .withDeadlineAfter(2, TimeUnit.SECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      healthStatus = worker.isStarted() ? HealthStatus.UP : HealthStatus.DOWN;
    } catch (io.grpc.StatusRuntimeException e) {
      details.put("error", e.getStatus().getCode().name());
      healthStatus = HealthStatus.DOWN;
    }
    return details;
  }

  @Override
  protected String getName() {
    return "temporal";
  }
}
