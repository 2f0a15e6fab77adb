package org.neonmigrate.workflows.batch;

/**
 * Payload of the {@code progressProbe} signal the batch sends to a child it has not heard from for
 * a while. The batch only relies on whether the signal can be delivered (a closed run cannot
 * receive signals). A child may, but need not, handle it by sending its current {@link
 * ChildProgress} to {@code batchWorkflowId}.
 */
public record ProgressProbe(String batchWorkflowId) {}
