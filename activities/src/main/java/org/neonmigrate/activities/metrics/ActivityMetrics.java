package org.neonmigrate.activities.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;
import org.neonmigrate.workflows.MetricNames;

/**
 * The activities' domain metrics. Every tag value comes from a small fixed set: a route template
 * such as {@code POST /organizations/{org_id}/projects/transfer}, an HTTP status code, a failure
 * type word, a notification kind. Never an id, an email or a key.
 */
@Singleton
public class ActivityMetrics {
  private final MeterRegistry registry;

  public ActivityMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * @param status the HTTP status code, or {@code unanswered} when no answer came
   */
  public void neonRequest(String route, String status, long nanos) {
    Timer.builder(MetricNames.NEON_REQUESTS)
        .description("Neon API requests by route template and status")
        .tag(MetricNames.TAG_ROUTE, route)
        .tag(MetricNames.TAG_STATUS, status)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** How long a Neon request waited for a token of the rate budget (local or fleet-wide). */
  public void budgetWait(String route, long nanos) {
    Timer.builder(MetricNames.NEON_BUDGET_WAIT)
        .description("Time Neon requests waited for the rate budget")
        .tag(MetricNames.TAG_ROUTE, route)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * @param outcome deleted, already_gone, refused or outcome_unknown
   */
  public void armDeletion(String outcome) {
    Counter.builder(MetricNames.ARM_DELETIONS)
        .description("Azure resource deletion attempts by outcome")
        .tag(MetricNames.TAG_OUTCOME, outcome)
        .register(registry)
        .increment();
  }

  /** A deletion the interlock refused, by the refusal's failure type. */
  public void interlockRefusal(String reason) {
    Counter.builder(MetricNames.INTERLOCK_REFUSALS)
        .description("Azure deletions refused by the interlock, by reason")
        .tag(MetricNames.TAG_REASON, reason)
        .register(registry)
        .increment();
  }

  /**
   * @param outcome delivered, refused (a 4xx), failed (5xx or no answer) or log_only
   */
  public void notification(String kind, String outcome) {
    Counter.builder(MetricNames.NOTIFICATIONS_SENT)
        .description("Operator notification attempts by kind and outcome")
        .tag(MetricNames.TAG_KIND, kind)
        .tag(MetricNames.TAG_OUTCOME, outcome)
        .register(registry)
        .increment();
  }
}
