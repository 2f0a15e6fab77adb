package org.neonmigrate.workflows.batch;

/**
 * A decision for every child currently waiting at {@code gate} (a {@code Gate} wire name). The
 * {@code approveAll}/{@code rejectAll} signals take their verdict from their name; {@code approve}
 * says it again for readers of the payload. For a rejection {@code comment} is sent as the reason.
 */
public record BulkDecision(String gate, String approver, boolean approve, String comment) {}
