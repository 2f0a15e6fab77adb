package org.neonmigrate.workflows.batch;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.neonmigrate.workflows.migration.AzureResource;
import org.neonmigrate.workflows.migration.MigrationRequest;

/**
 * A migration not started yet, as carried across continue-as-new: a JSON array rather than an
 * object, so thousands of them stay far below the payload limit (about 150 bytes each instead of
 * about 370). The batch sets {@code batchId} and {@code requestedBy} on every child, so they are
 * not carried.
 *
 * @param flags bit 0: dryRun, bit 1: replaceOrgApiKeys
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({
  "sourceOrgId",
  "destinationOrgId",
  "subscriptionId",
  "resourceGroup",
  "resourceName",
  "flags",
  "reminderIntervalMinutes"
})
public record PendingMigration(
    String sourceOrgId,
    String destinationOrgId,
    String subscriptionId,
    String resourceGroup,
    String resourceName,
    int flags,
    Integer reminderIntervalMinutes) {

  private static final int DRY_RUN = 1;
  private static final int REPLACE_ORG_API_KEYS = 2;

  static PendingMigration of(MigrationRequest m) {
    AzureResource azure = m.azure();
    return new PendingMigration(
        m.sourceOrgId(),
        m.destinationOrgId(),
        azure == null ? null : azure.subscriptionId(),
        azure == null ? null : azure.resourceGroup(),
        azure == null ? null : azure.resourceName(),
        (m.dryRun() ? DRY_RUN : 0) | (m.replaceOrgApiKeys() ? REPLACE_ORG_API_KEYS : 0),
        m.reminderIntervalMinutes());
  }

  MigrationRequest toRequest() {
    boolean noAzure = subscriptionId == null && resourceGroup == null && resourceName == null;
    return new MigrationRequest(
        sourceOrgId,
        destinationOrgId,
        noAzure ? null : new AzureResource(subscriptionId, resourceGroup, resourceName),
        (flags & DRY_RUN) != 0,
        null,
        (flags & REPLACE_ORG_API_KEYS) != 0,
        reminderIntervalMinutes,
        null);
  }
}
