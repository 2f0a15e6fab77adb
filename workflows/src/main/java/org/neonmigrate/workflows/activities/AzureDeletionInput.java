package org.neonmigrate.workflows.activities;

import org.neonmigrate.workflows.migration.AzureResource;

public record AzureDeletionInput(String sourceOrgId, AzureResource azure) {}
