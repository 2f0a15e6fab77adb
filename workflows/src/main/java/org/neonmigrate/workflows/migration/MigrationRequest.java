package org.neonmigrate.workflows.migration;

/**
 * The input of {@code OrgMigration}. Only the first five fields are required; the others have
 * defaults so that a bare CLI {@code workflow start} works.
 *
 * @param replaceOrgApiKeys create a replacement in the destination for every org-wide API key of
 *     the source (their secrets are delivered outside Temporal, never in history)
 * @param reminderIntervalMinutes how often a waiting gate reminds operators; null means 240
 * @param batchId set when a {@code BatchMigration} started this run
 */
public record MigrationRequest(
    String sourceOrgId,
    String destinationOrgId,
    AzureResource azure,
    boolean dryRun,
    String requestedBy,
    boolean replaceOrgApiKeys,
    Integer reminderIntervalMinutes,
    String batchId) {

  public static final int DEFAULT_REMINDER_MINUTES = 240;

  public int reminderMinutesOrDefault() {
    return reminderIntervalMinutes == null || reminderIntervalMinutes <= 0
        ? DEFAULT_REMINDER_MINUTES
        : reminderIntervalMinutes;
  }
}
