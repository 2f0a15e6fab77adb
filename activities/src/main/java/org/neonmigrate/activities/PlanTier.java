package org.neonmigrate.activities;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Neon plans in the order a transfer requires: the destination must rank at least as high. */
public enum PlanTier {
  FREE,
  LAUNCH,
  SCALE,
  BUSINESS;

  /** Billing names carry generation suffixes (launch_v3, free_v2); the tier is the same. */
  private static final Pattern GENERATION = Pattern.compile("_v\\d+$");

  /**
   * The tier of a plan string, or empty when it is not one we know: such plans are not compared (no
   * upgrade is demanded up front) and a too-low destination then shows up as a 406 on transfer.
   */
  public static Optional<PlanTier> of(String plan) {
    if (plan == null || plan.isBlank()) {
      return Optional.empty();
    }
    String base = GENERATION.matcher(plan.trim().toLowerCase(Locale.ROOT)).replaceFirst("");
    for (PlanTier tier : values()) {
      if (tier.name().toLowerCase(Locale.ROOT).equals(base)) {
        return Optional.of(tier);
      }
    }
    return Optional.empty();
  }

  /** Why the destination must be upgraded first, or empty when it need not be (or can't tell). */
  public static Optional<String> upgradeReason(
      String sourcePlan, String destinationPlan, String destinationOrgId) {
    Optional<PlanTier> source = of(sourcePlan);
    Optional<PlanTier> destination = of(destinationPlan);
    if (source.isEmpty() || destination.isEmpty()) {
      return Optional.empty();
    }
    if (destination.get().compareTo(source.get()) >= 0) {
      return Optional.empty();
    }
    return Optional.of(
        "destination plan "
            + destinationPlan
            + " is below source plan "
            + sourcePlan
            + ": upgrade organization "
            + destinationOrgId
            + " to "
            + source.get().name().toLowerCase(Locale.ROOT)
            + " or higher in the Neon Console (Billing, Change plan), then approve the"
            + " plan-upgrade gate");
  }
}
