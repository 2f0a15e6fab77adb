package org.neonmigrate.workflows.migration;

/** Payload of the {@code reject} signal; {@code gate} is a {@link Gate} wire name. */
public record Rejection(String gate, String approver, String reason) {}
