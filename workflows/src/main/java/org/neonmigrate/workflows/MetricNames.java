package org.neonmigrate.workflows;

/**
 * The domain metrics' names and tag keys, as Micrometer sees them (Prometheus adds {@code _total}
 * to counters and {@code _seconds} to timers). Tags take values from small fixed sets (steps,
 * gates, outcomes, failure types, route templates, status codes), never org ids, emails or keys.
 */
public final class MetricNames {
  // workflow side, through Workflow.getMetricsScope(): not reported again on replay
  public static final String MIGRATIONS_STARTED = "neonmigrate_migrations_started";
  public static final String MIGRATIONS_FINISHED = "neonmigrate_migrations_finished";
  public static final String GATES_OPENED = "neonmigrate_gates_opened";
  public static final String GATE_WAIT = "neonmigrate_gate_wait";
  public static final String PROJECTS_TRANSFERRED = "neonmigrate_projects_transferred";
  public static final String PROJECTS_BLOCKED = "neonmigrate_projects_blocked";
  public static final String NOTIFICATIONS_DROPPED = "neonmigrate_notifications_dropped";

  // activity side, straight to Micrometer
  public static final String NEON_REQUESTS = "neonmigrate_neon_requests";
  public static final String NEON_BUDGET_WAIT = "neonmigrate_neon_budget_wait";
  public static final String ARM_DELETIONS = "neonmigrate_arm_deletions";
  public static final String INTERLOCK_REFUSALS = "neonmigrate_interlock_refusals";
  public static final String NOTIFICATIONS_SENT = "neonmigrate_notifications_sent";

  public static final String TAG_STEP = "step";
  public static final String TAG_GATE = "gate";
  public static final String TAG_OUTCOME = "outcome";
  public static final String TAG_FAILURE_TYPE = "failure_type";
  public static final String TAG_DRY_RUN = "dry_run";
  public static final String TAG_ROUTE = "route";
  public static final String TAG_STATUS = "status";
  public static final String TAG_REASON = "reason";
  public static final String TAG_KIND = "kind";

  private MetricNames() {}
}
