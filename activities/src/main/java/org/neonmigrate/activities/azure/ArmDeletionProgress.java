package org.neonmigrate.activities.azure;

/**
 * Heartbeat details of a deletion: {@code sent} is recorded just before the DELETE goes out, so a
 * retried attempt knows a DELETE may be on its way; with a {@code location} it resumes polling
 * instead of sending DELETE again.
 */
public record ArmDeletionProgress(String location, int polls, boolean sent) {}
