package org.neonmigrate.workflows.activities;

import org.neonmigrate.workflows.migration.AzureResource;

/**
 * @param provenResourceId the ARM id DISCOVER proved to be the source org's ({@link
 *     AzureBinding#resourceId()}); the deletion refuses any other resource
 * @param deleteSentBefore an earlier deletion activity of this run may have sent the DELETE, so a
 *     resource found Deleting is this run's deletion in progress
 */
public record AzureDeletionInput(
    String sourceOrgId, AzureResource azure, String provenResourceId, boolean deleteSentBefore) {}
