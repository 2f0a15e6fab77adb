package org.neonmigrate.workflows.activities;

public record OrgCheckInput(String sourceOrgId, String destinationOrgId) {}
