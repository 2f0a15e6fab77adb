package org.neonmigrate.workflows.batch;

/**
 * Answer of the {@code addMigrations} update.
 *
 * @param added migrations of this page (on a repeated page: how many it had the first time)
 * @param received migrations the batch has now, over all pages
 * @param expectedTotal migrations the batch waits for before it can finish
 * @param repeated the page had been received before and changed nothing
 */
public record BatchPageAck(
    int pageNumber, int added, int received, int expectedTotal, boolean repeated) {}
