package org.neonmigrate.api.migration;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.neonmigrate.workflows.migration.Gate;
import org.zalando.problem.ThrowableProblem;

class FourEyesRuleTest {

  @Test
  void theRequesterCannotApproveTheDeletion() {
    assertThatThrownBy(() -> FourEyesRule.check(true, Gate.AZURE_DELETION, "ann", "ann"))
        .isInstanceOf(ThrowableProblem.class)
        .hasMessageContaining("someone else");
  }

  @Test
  void someoneElseMayApproveTheDeletion() {
    assertThatCode(() -> FourEyesRule.check(true, Gate.AZURE_DELETION, "ann", "bob"))
        .doesNotThrowAnyException();
  }

  @Test
  void theRequesterMayApproveOtherGates() {
    assertThatCode(() -> FourEyesRule.check(true, Gate.PLAN_UPGRADE, "ann", "ann"))
        .doesNotThrowAnyException();
  }

  @Test
  void theRuleCanBeSwitchedOff() {
    assertThatCode(() -> FourEyesRule.check(false, Gate.AZURE_DELETION, "ann", "ann"))
        .doesNotThrowAnyException();
  }
}
