package org.neonmigrate.workflows.activities;

import java.util.List;

/**
 * @param problems one line per project that failed a check; empty when all passed
 */
public record VerifyOutcome(int verified, List<String> problems) {}
