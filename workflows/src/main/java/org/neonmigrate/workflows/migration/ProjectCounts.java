package org.neonmigrate.workflows.migration;

/** Project tallies shown in {@code status}. */
public record ProjectCounts(int total, int transferred, int blocked) {}
