package org.neonmigrate.workflows.migration;

/**
 * Texts operators read in the Web UI. The static details every {@code OrgMigration} run carries,
 * whoever starts it (the REST API or a batch): the Web UI renders them as Markdown in a box about
 * four lines high, so they stay short (the full input is on the same page).
 */
public final class MigrationTexts {
  private MigrationTexts() {}

  public static String staticDetails(MigrationRequest request) {
    AzureResource azure = request.azure();
    return "Azure resource **%s** (resource group %s, subscription %s). Requested by %s%s.%s"
        .formatted(
            azure.resourceName(),
            azure.resourceGroup(),
            azure.subscriptionId(),
            request.requestedBy(),
            request.batchId() == null ? "" : " in batch " + request.batchId(),
            request.dryRun() ? " Dry run: stops after the plan, changes nothing." : "");
  }

  /** "1 project", "5 projects": for activity summaries and details. */
  static String projects(int count) {
    return count == 1 ? "1 project" : count + " projects";
  }
}
