package org.neonmigrate.activities.http;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The {@code Retry-After} header (RFC 9110): delay-seconds or an HTTP-date. */
public final class RetryAfter {

  /** Below this Temporal would treat the delay as "use the retry policy". */
  static final Duration MINIMUM = Duration.ofSeconds(1);

  /** A server asking for more than this is misbehaving; the retry policy still bounds attempts. */
  static final Duration MAXIMUM = Duration.ofHours(1);

  private RetryAfter() {}

  public static Optional<Duration> parse(String header, Clock clock) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.trim();
    try {
      return Optional.of(clamp(Duration.ofSeconds(Long.parseLong(value))));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        return Optional.of(clamp(Duration.between(clock.instant(), at.toInstant())));
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }

  private static Duration clamp(Duration delay) {
    if (delay.compareTo(MINIMUM) < 0) {
      return MINIMUM;
    }
    return delay.compareTo(MAXIMUM) > 0 ? MAXIMUM : delay;
  }
}
