package org.neonmigrate.workflows.activities;

import java.util.List;
import org.neonmigrate.workflows.migration.BlockedProject;

/**
 * @param transferred ids now in the destination (including ones a lost response had moved)
 * @param blocked projects a 422 refused because of integrations
 * @param limits non-empty when Neon answered 406: e.g. "subscription_type: expected scale, actual
 *     free"; nothing in {@code transferred} then
 * @param planUpgradeWouldHelp the 406 named the subscription type or the project count, which an
 *     upgrade of the destination plan fixes
 */
public record TransferOutcome(
    List<String> transferred,
    List<BlockedProject> blocked,
    List<String> limits,
    boolean planUpgradeWouldHelp) {}
