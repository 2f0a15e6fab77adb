package org.neonmigrate.workflows.activities;

public record AccessInventoryInput(String sourceOrgId, String destinationOrgId) {}
