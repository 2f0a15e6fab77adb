package org.neonmigrate.workflows.fleet;

import java.util.List;

/** The result of a fleet plan: rows ready for {@code POST /batches}, and what could not be. */
public record FleetPlan(
    String planId,
    List<String> subscriptionIds,
    String rule,
    String requestedBy,
    int azureResources,
    List<FleetPlanRow> rows,
    List<FleetStray> strays) {}
