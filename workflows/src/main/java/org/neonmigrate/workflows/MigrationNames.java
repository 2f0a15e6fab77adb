package org.neonmigrate.workflows;

import io.temporal.common.SearchAttributeKey;

/**
 * Names that operators, the Temporal CLI/Web UI and other teams' code rely on. Keep them stable.
 */
public final class MigrationNames {
  public static final String NAMESPACE = "default";
  public static final String TASK_QUEUE = "neon-migrations";

  public static final String ORG_MIGRATION_TYPE = "OrgMigration";
  public static final String ORG_MIGRATION_ID_PREFIX = "org-migration-";
  public static final String BATCH_MIGRATION_TYPE = "BatchMigration";
  public static final String BATCH_ID_PREFIX = "batch-";
  public static final String BATCH_WAVE_TYPE = "BatchWave";
  public static final String FLEET_PLAN_TYPE = "FleetPlan";
  public static final String FLEET_PLAN_ID_PREFIX = "fleet-plan-";
  public static final String QUERY_FLEET_PLAN_PROGRESS = "progress";
  public static final String QUERY_FLEET_PLAN_PAGE = "page";

  public static final String SIGNAL_APPROVE = "approve";
  public static final String SIGNAL_REJECT = "reject";
  public static final String QUERY_STATUS = "status";
  public static final String QUERY_REPORT = "report";
  public static final String UPDATE_DECIDE = "decide";

  public static final SearchAttributeKey<String> MIGRATION_STEP =
      SearchAttributeKey.forKeyword("MigrationStep");
  public static final SearchAttributeKey<String> SOURCE_ORG_ID =
      SearchAttributeKey.forKeyword("SourceOrgId");
  public static final SearchAttributeKey<String> BATCH_ID =
      SearchAttributeKey.forKeyword("BatchId");

  private MigrationNames() {}

  public static String orgMigrationId(String sourceOrgId) {
    return ORG_MIGRATION_ID_PREFIX + sourceOrgId;
  }

  public static String batchId(String batchId) {
    return BATCH_ID_PREFIX + batchId;
  }

  /** Workflow id of wave {@code wave} (from 1) of a batch. */
  public static String batchWaveId(String batchId, int wave) {
    return BATCH_ID_PREFIX + batchId + WAVE_INFIX + wave;
  }

  /** True for the workflow id of a batch's wave. */
  public static boolean isBatchWaveId(String workflowId) {
    return workflowId != null
        && workflowId.startsWith(BATCH_ID_PREFIX)
        && workflowId.contains(WAVE_INFIX);
  }

  private static final String WAVE_INFIX = "-wave-";

  public static String fleetPlanId(String planId) {
    return FLEET_PLAN_ID_PREFIX + planId;
  }
}
