package org.neonmigrate.sandbox.neon;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.neonmigrate.workflows.NeonLimits;

/**
 * Neon's documented limits as token buckets: a per-minute budget per API key and a per-second burst
 * per API key and route. Changing the settings starts every bucket afresh.
 */
public final class RateLimits {

  /** Requests per minute per key, and per second per key and route. */
  public record Settings(int perMinute, int burstPerSecond) {
    public Settings {
      if (perMinute < 1 || burstPerSecond < 1) {
        throw new IllegalArgumentException("rate limits must be at least 1");
      }
    }

    public static Settings neonDefaults() {
      return new Settings(NeonLimits.REQUESTS_PER_MINUTE, NeonLimits.REQUESTS_PER_ROUTE_PER_SECOND);
    }
  }

  private volatile Settings settings;
  private volatile ConcurrentMap<String, Bucket> minuteBuckets = new ConcurrentHashMap<>();
  private volatile ConcurrentMap<String, Bucket> burstBuckets = new ConcurrentHashMap<>();

  public RateLimits(Settings settings) {
    this.settings = settings;
  }

  public Settings settings() {
    return settings;
  }

  public synchronized void update(Settings newSettings) {
    settings = newSettings;
    minuteBuckets = new ConcurrentHashMap<>();
    burstBuckets = new ConcurrentHashMap<>();
  }

  /**
   * Takes one token from both buckets.
   *
   * @return empty if allowed, else the whole seconds (at least 1) to wait before retrying
   */
  public OptionalLong tryAcquire(long keyId, String route) {
    Settings s = settings;
    Bucket burst =
        burstBuckets.computeIfAbsent(
            keyId + " " + route, k -> bucket(s.burstPerSecond(), Duration.ofSeconds(1)));
    ConsumptionProbe burstProbe = burst.tryConsumeAndReturnRemaining(1);
    if (!burstProbe.isConsumed()) {
      return OptionalLong.of(seconds(burstProbe.getNanosToWaitForRefill()));
    }
    Bucket minute =
        minuteBuckets.computeIfAbsent(
            Long.toString(keyId), k -> bucket(s.perMinute(), Duration.ofMinutes(1)));
    ConsumptionProbe minuteProbe = minute.tryConsumeAndReturnRemaining(1);
    if (!minuteProbe.isConsumed()) {
      return OptionalLong.of(seconds(minuteProbe.getNanosToWaitForRefill()));
    }
    return OptionalLong.empty();
  }

  private static Bucket bucket(int capacity, Duration period) {
    return Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
        .build();
  }

  private static long seconds(long nanos) {
    return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
  }
}
