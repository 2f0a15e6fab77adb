package org.neonmigrate.activities.neon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LocalNeonRateBudgetTest {

  @Test
  void aBurstWithinTheRouteLimitDoesNotWait() {
    LocalNeonRateBudget budget = new LocalNeonRateBudget(new NeonBudgetConfiguration(700, 40));
    AtomicInteger waits = new AtomicInteger();
    for (int i = 0; i < 40; i++) {
      budget.acquire("GET /projects", waits::incrementAndGet);
    }
    assertThat(waits).hasValue(0);
  }

  @Test
  void beyondTheRouteBurstTheCallerWaitsAndIsToldSo() {
    LocalNeonRateBudget budget = new LocalNeonRateBudget(new NeonBudgetConfiguration(700, 5));
    AtomicInteger waits = new AtomicInteger();
    long start = System.nanoTime();
    for (int i = 0; i < 6; i++) {
      budget.acquire("GET /projects", waits::incrementAndGet);
    }
    assertThat(waits.get()).isPositive();
    assertThat(System.nanoTime() - start).isGreaterThan(100_000_000L);
  }

  @Test
  void routesHaveTheirOwnBurstButShareTheAccountBudget() {
    LocalNeonRateBudget budget = new LocalNeonRateBudget(new NeonBudgetConfiguration(3, 40));
    AtomicInteger waits = new AtomicInteger();
    budget.acquire("GET /a", waits::incrementAndGet);
    budget.acquire("GET /b", waits::incrementAndGet);
    budget.acquire("GET /c", waits::incrementAndGet);
    assertThat(waits).hasValue(0);
    Thread waiter = new Thread(() -> budget.acquire("GET /d", waits::incrementAndGet));
    waiter.start();
    try {
      waiter.join(300);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    assertThat(waits.get()).isPositive();
    waiter.interrupt();
  }
}
