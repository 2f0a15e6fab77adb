package org.neonmigrate.workflows.migration;

import java.util.List;

/** A project a transfer refuses until its integrations (github, vercel, ...) are removed. */
public record BlockedProject(String projectId, String name, List<String> integrations) {}
