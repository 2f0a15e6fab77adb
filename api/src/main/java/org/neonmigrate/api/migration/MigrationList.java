package org.neonmigrate.api.migration;

import java.util.List;

/** Answer of {@code GET /migrations}, newest first; an object so paging can be added later. */
public record MigrationList(List<MigrationSummary> migrations) {}
