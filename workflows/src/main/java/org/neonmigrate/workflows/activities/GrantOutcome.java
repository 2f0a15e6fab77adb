package org.neonmigrate.workflows.activities;

public record GrantOutcome(int granted, int alreadyPresent) {}
