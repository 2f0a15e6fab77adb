package org.neonmigrate.workflows.fleet;

/**
 * @param rowOffset the first row to answer (0-based)
 * @param strayOffset the first stray to answer (0-based)
 * @param limit at most this many of each, 1..{@value FleetPlanPages#MAX_PAGE}
 */
public record FleetPlanPageRequest(int rowOffset, int strayOffset, int limit) {}
