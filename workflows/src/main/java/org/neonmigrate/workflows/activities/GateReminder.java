package org.neonmigrate.workflows.activities;

/**
 * @param waitingMinutes how long the run has waited at the gate so far
 */
public record GateReminder(
    String workflowId, String sourceOrgId, String gate, String reason, long waitingMinutes) {}
