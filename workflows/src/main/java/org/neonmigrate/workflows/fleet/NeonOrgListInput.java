package org.neonmigrate.workflows.fleet;

/** No parameters yet: the orgs are those of the worker's Neon key. */
public record NeonOrgListInput() {}
