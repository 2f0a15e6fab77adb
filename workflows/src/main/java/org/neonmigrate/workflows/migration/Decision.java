package org.neonmigrate.workflows.migration;

/**
 * Payload of the {@code decide} update: an approval or, with {@code approve=false}, a rejection.
 */
public record Decision(String gate, String approver, boolean approve, String comment) {}
