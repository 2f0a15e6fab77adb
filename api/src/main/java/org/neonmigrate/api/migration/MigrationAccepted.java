package org.neonmigrate.api.migration;

/** Answer to a start or cancel: the run and where to watch it. */
public record MigrationAccepted(String id, String workflowId, String runId, String statusUrl) {

  static MigrationAccepted of(String sourceOrgId, String workflowId, String runId) {
    return new MigrationAccepted(sourceOrgId, workflowId, runId, statusUrl(sourceOrgId));
  }

  static String statusUrl(String sourceOrgId) {
    return "/migrations/" + sourceOrgId;
  }
}
