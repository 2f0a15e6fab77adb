package org.neonmigrate.workflows.batch;

import java.util.List;
import org.neonmigrate.workflows.migration.MigrationRequest;

/**
 * Payload of the {@code addMigrations} update: one page of a batch too large for one payload. Page
 * 1 is the start input's {@code migrations}; further pages are numbered from 2, each with at most
 * {@link BatchRequest#MAX_PAGE_SIZE} migrations. Sending a page again is a no-op.
 */
public record BatchPage(int pageNumber, List<MigrationRequest> migrations) {}
