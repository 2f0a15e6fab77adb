package org.neonmigrate.workflows.migration;

/** A decision the run refused (e.g. a self-approval of the deletion); {@code at} is ISO-8601. */
public record RefusedDecision(String gate, String approver, String at, String reason) {}
