package org.neonmigrate.activities.azure;

/**
 * Heartbeat details of a running deletion: a retried attempt resumes polling {@code location}
 * instead of sending DELETE again.
 */
public record ArmDeletionProgress(String location, int polls) {}
