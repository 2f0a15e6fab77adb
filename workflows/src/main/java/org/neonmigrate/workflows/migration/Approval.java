package org.neonmigrate.workflows.migration;

/** Payload of the {@code approve} signal; {@code gate} is a {@link Gate} wire name. */
public record Approval(String gate, String approver, String comment) {}
