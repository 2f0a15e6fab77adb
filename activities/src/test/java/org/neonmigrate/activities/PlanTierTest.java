package org.neonmigrate.activities;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlanTierTest {

  @Test
  void plansRankFreeBelowLaunchBelowScaleBelowBusiness() {
    assertThat(PlanTier.of("free")).contains(PlanTier.FREE);
    assertThat(PlanTier.FREE).isLessThan(PlanTier.LAUNCH);
    assertThat(PlanTier.LAUNCH).isLessThan(PlanTier.SCALE);
    assertThat(PlanTier.SCALE).isLessThan(PlanTier.BUSINESS);
  }

  @Test
  void generationSuffixesAndCaseDoNotChangeTheTier() {
    assertThat(PlanTier.of("launch_v3")).contains(PlanTier.LAUNCH);
    assertThat(PlanTier.of("Free_v2")).contains(PlanTier.FREE);
    assertThat(PlanTier.of(" SCALE ")).contains(PlanTier.SCALE);
  }

  @Test
  void aLowerDestinationNeedsAnUpgradeWithAnActionableReason() {
    assertThat(PlanTier.upgradeReason("scale", "free", "org-dest"))
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .contains("destination plan free is below source plan scale")
                    .contains("org-dest")
                    .contains("scale or higher"));
  }

  @Test
  void anEqualOrHigherDestinationNeedsNoUpgrade() {
    assertThat(PlanTier.upgradeReason("launch", "launch", "d")).isEmpty();
    assertThat(PlanTier.upgradeReason("launch", "business", "d")).isEmpty();
  }

  @Test
  void unknownPlansAreNotComparedSoNoUpgradeIsDemanded() {
    assertThat(PlanTier.of("enterprise_custom")).isEmpty();
    assertThat(PlanTier.upgradeReason("enterprise_custom", "free", "d")).isEmpty();
    assertThat(PlanTier.upgradeReason("scale", null, "d")).isEmpty();
  }
}
