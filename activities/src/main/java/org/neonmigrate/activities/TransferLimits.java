package org.neonmigrate.activities;

import java.util.List;
import java.util.Set;
import org.neonmigrate.activities.neon.model.TransferLimit;

/** Reading a 406 transfer answer for the workflow and for humans. */
public final class TransferLimits {

  /** Limits a destination plan upgrade fixes; project_region is not one of them. */
  private static final Set<String> FIXED_BY_UPGRADE = Set.of("subscription_type", "projects_count");

  private TransferLimits() {}

  /** One line per limit, e.g. "subscription_type: expected scale, actual free". */
  public static List<String> describe(List<TransferLimit> limits) {
    if (limits == null || limits.isEmpty()) {
      return List.of("unknown: Neon answered 406 without naming a limit");
    }
    return limits.stream()
        .map(l -> l.name() + ": expected " + l.expected() + ", actual " + l.actual())
        .toList();
  }

  public static boolean planUpgradeWouldHelp(List<TransferLimit> limits) {
    return limits != null && limits.stream().anyMatch(l -> FIXED_BY_UPGRADE.contains(l.name()));
  }
}
