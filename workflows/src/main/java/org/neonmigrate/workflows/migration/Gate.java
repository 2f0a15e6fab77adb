package org.neonmigrate.workflows.migration;

import java.util.Arrays;
import java.util.Optional;

/** The points where a migration waits for a human. The wire names are part of the contract. */
public enum Gate {
  /** The destination plan is below the source's; someone upgrades it in the Neon Console. */
  PLAN_UPGRADE("plan-upgrade"),
  /** Some projects have GitHub/Vercel integrations that block a transfer until removed. */
  BLOCKERS_RESOLVED("blockers-resolved"),
  /** Everything verified in the destination; deleting the Azure resource is the last step. */
  AZURE_DELETION("azure-deletion");

  private final String wireName;

  Gate(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<Gate> fromWireName(String name) {
    return Arrays.stream(values()).filter(g -> g.wireName.equals(name)).findFirst();
  }
}
