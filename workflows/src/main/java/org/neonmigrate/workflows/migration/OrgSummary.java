package org.neonmigrate.workflows.migration;

/** A Neon organization as the migration sees it. */
public record OrgSummary(String id, String name, String plan, String managedBy) {}
