package org.neonmigrate.workflows.fleet;

import java.util.List;

/** Up to {@code limit} rows and strays from the offsets asked for; empty past the end. */
public record FleetPlanPage(List<FleetPlanRow> rows, List<FleetStray> strays) {}
