package org.neonmigrate.workflows.migration;

/** An approval or rejection as recorded by the workflow; {@code at} is ISO-8601 UTC. */
public record ApprovalRecord(
    String gate, String approver, String at, String comment, boolean approved) {}
