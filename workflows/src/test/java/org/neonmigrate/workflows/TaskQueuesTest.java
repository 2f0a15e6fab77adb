package org.neonmigrate.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TaskQueuesTest {

  @Test
  void unsetOrBlankMeansTheContractQueueAndItsBudgetQueue() {
    assertThat(TaskQueues.configured(null).main()).isEqualTo("neon-migrations");
    assertThat(TaskQueues.configured("  ").main()).isEqualTo("neon-migrations");
    assertThat(TaskQueues.defaults().budget()).isEqualTo("neon-migrations-budget");
  }

  @Test
  void aConfiguredQueueIsTrimmedAndGivesItsOwnBudgetQueue() {
    TaskQueues queues = TaskQueues.configured(" wave-2 ");
    assertThat(queues.main()).isEqualTo("wave-2");
    assertThat(queues.budget()).isEqualTo("wave-2-budget");
    assertThat(TaskQueues.budgetQueueOf("wave-2-budget")).isEqualTo("wave-2-budget");
  }

  @Test
  void namesThatWouldBreakOrCollideAreRefused() {
    assertThatThrownBy(() -> TaskQueues.configured("two words")).hasMessageContaining("whitespace");
    assertThatThrownBy(() -> TaskQueues.configured("x".repeat(201)))
        .hasMessageContaining("longer than 200");
    assertThatThrownBy(() -> TaskQueues.configured("/_sys/neon")).hasMessageContaining("/_sys/");
    assertThatThrownBy(() -> TaskQueues.configured("neon-migrations-budget"))
        .hasMessageContaining("kept for the budget");
  }
}
