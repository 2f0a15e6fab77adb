package org.neonmigrate.workflows.migration;

import javax.annotation.Nullable;

/** An approval or rejection as recorded by the workflow; {@code at} is ISO-8601 UTC. */
public record ApprovalRecord(
    String gate, String approver, String at, @Nullable String comment, boolean approved) {}
