package org.neonmigrate.workflows.activities;

import org.neonmigrate.workflows.migration.AzureResource;

public record AzureBindingInput(String sourceOrgId, AzureResource azure) {}
