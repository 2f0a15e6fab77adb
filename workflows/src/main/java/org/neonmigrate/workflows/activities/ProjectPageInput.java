package org.neonmigrate.workflows.activities;

/**
 * @param cursor null for the first page
 * @param pageSize 1..400
 */
public record ProjectPageInput(String orgId, String cursor, int pageSize) {}
