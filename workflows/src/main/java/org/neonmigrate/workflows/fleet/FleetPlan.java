package org.neonmigrate.workflows.fleet;

import java.util.List;

/**
 * A whole fleet plan, as the API answers it: rows ready for {@code POST /batches}, and what could
 * not be. Put together from a run's summary and pages by {@link FleetPlanPages#read}.
 */
public record FleetPlan(
    String planId,
    List<String> subscriptionIds,
    String rule,
    String requestedBy,
    int azureResources,
    List<FleetPlanRow> rows,
    List<FleetStray> strays) {}
