package org.neonmigrate.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neonmigrate.activities.neon.model.TransferLimit;

class TransferLimitsTest {

  @Test
  void limitsReadAsNameExpectedActual() {
    assertThat(
            TransferLimits.describe(
                List.of(new TransferLimit("subscription_type", "scale", "free"))))
        .containsExactly("subscription_type: expected scale, actual free");
  }

  @Test
  void aPlanUpgradeHelpsWithThePlanOrTheProjectCountButNotTheRegion() {
    assertThat(
            TransferLimits.planUpgradeWouldHelp(
                List.of(new TransferLimit("subscription_type", "scale", "free"))))
        .isTrue();
    assertThat(
            TransferLimits.planUpgradeWouldHelp(
                List.of(new TransferLimit("projects_count", "120", "100"))))
        .isTrue();
    assertThat(
            TransferLimits.planUpgradeWouldHelp(
                List.of(new TransferLimit("project_region", "aws-us-east-2", "azure-eastus2"))))
        .isFalse();
  }

  @Test
  void aBare406StillReportsALimitSoTheWorkflowSeesIt() {
    assertThat(TransferLimits.describe(List.of())).hasSize(1);
    assertThat(TransferLimits.planUpgradeWouldHelp(List.of())).isFalse();
  }
}
