package org.neonmigrate.workflows.batch;

/**
 * A decision for every child currently waiting at {@code gate} (a {@code Gate} wire name). The
 * {@code approveAll}/{@code rejectAll} signals take their verdict from their name and do not read
 * {@code approve}; the {@code decideAll} update reads it, like {@code OrgMigration}'s {@code
 * decide}. For a rejection {@code comment} is sent as the reason.
 */
public record BulkDecision(String gate, String approver, boolean approve, String comment) {}
