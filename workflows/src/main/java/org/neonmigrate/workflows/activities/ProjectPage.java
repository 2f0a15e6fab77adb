package org.neonmigrate.workflows.activities;

import java.util.List;

/**
 * @param nextCursor null when this was the last page
 */
public record ProjectPage(List<ProjectSnapshot> projects, String nextCursor) {}
