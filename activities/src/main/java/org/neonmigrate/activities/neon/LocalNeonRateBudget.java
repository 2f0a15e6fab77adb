package org.neonmigrate.activities.neon;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micronaut.context.annotation.Requires;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Token buckets in this JVM: one for the whole account per minute, one per route per second. Only
 * right for a single worker process (or a CLI run); a fleet needs {@link ClusterNeonRateBudget}.
 */
@Singleton
@Requires(property = NeonRateBudget.MODE, value = "local")
public class LocalNeonRateBudget implements NeonRateBudget {

  private static final long MAX_SLEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Bucket account;
  private final int perRoutePerSecond;
  private final Map<String, Bucket> routes = new ConcurrentHashMap<>();

  public LocalNeonRateBudget(NeonBudgetConfiguration configuration) {
    if (configuration.perMinute() < 1 || configuration.perRoutePerSecond() < 1) {
      throw new IllegalArgumentException("neon.budget.* must be at least 1");
    }
    this.account =
        Bucket.builder()
            .addLimit(
                limit ->
                    limit
                        .capacity(configuration.perMinute())
                        .refillGreedy(configuration.perMinute(), Duration.ofMinutes(1)))
            .build();
    this.perRoutePerSecond = configuration.perRoutePerSecond();
  }

  @Override
  public void acquire(String route, Runnable whileWaiting) {
    Bucket routeBucket = routes.computeIfAbsent(route, r -> newRouteBucket());
    take(routeBucket, whileWaiting);
    take(account, whileWaiting);
  }

  private Bucket newRouteBucket() {
    return Bucket.builder()
        .addLimit(
            limit ->
                limit
                    .capacity(perRoutePerSecond)
                    .refillGreedy(perRoutePerSecond, Duration.ofSeconds(1)))
        .build();
  }

  private static void take(Bucket bucket, Runnable whileWaiting) {
    while (true) {
      ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
      if (probe.isConsumed()) {
        return;
      }
      whileWaiting.run();
      try {
        TimeUnit.NANOSECONDS.sleep(Math.min(probe.getNanosToWaitForRefill(), MAX_SLEEP_NANOS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ApplicationFailure.newBuilder()
            .setType(NeonFailures.UNAVAILABLE)
            .setMessage("interrupted while waiting for the Neon rate budget")
            .setCause(e)
            .build();
      }
    }
  }
}
