package org.neonmigrate.workflows.fleet;

import java.util.List;

/**
 * The result of a {@code FleetPlan} run: what was planned and how many rows and strays it found.
 * The rows and strays themselves are read with the {@code page} query, a bounded page at a time, so
 * that a plan of thousands of orgs never has to fit in one payload.
 */
public record FleetPlanSummary(
    String planId,
    List<String> subscriptionIds,
    String rule,
    String requestedBy,
    int azureResources,
    int rows,
    int strays) {}
