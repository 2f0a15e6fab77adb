package org.neonmigrate.workflows.batch;

/** A child of the batch waiting at a gate; {@code since} is ISO-8601 UTC. */
public record AwaitingHuman(String sourceOrgId, String gate, String since) {}
