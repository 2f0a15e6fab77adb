package org.neonmigrate.workflows.activities;

public record ProjectCheck(String projectId, String endpointDigest) {}
