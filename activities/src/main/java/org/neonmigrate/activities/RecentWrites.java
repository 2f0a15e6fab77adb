package org.neonmigrate.activities;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Non-idempotent writes this process has sent lately (transfer of a project, invitation of an
 * email), by key, until the caller {@linkplain #forget forgets} one whose outcome it learned. Only
 * ever a reason to re-read before writing again, never a reason to skip a read: a first attempt
 * that finds none of its writes here trusts the workflow's inventory; one that finds any re-reads
 * Neon, as a retried attempt always does.
 */
@Singleton
public class RecentWrites {

  static final int MAX_ENTRIES = 100_000;
  static final Duration REMEMBER = Duration.ofHours(24);

  private final Map<String, Long> sentAt =
      new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  public synchronized void record(String kind, String scope, Collection<String> ids) {
    long now = System.nanoTime();
    for (String id : ids) {
      String key = kind + '|' + scope + '|' + id;
      sentAt.remove(key);
      sentAt.put(key, now);
    }
  }

  /** Drops writes whose outcome is known now (they took effect, or were refused). */
  public synchronized void forget(String kind, String scope, Collection<String> ids) {
    for (String id : ids) {
      sentAt.remove(kind + '|' + scope + '|' + id);
    }
  }

  /** The ids among {@code ids} sent lately, with when ({@link System#nanoTime()}). */
  public synchronized Map<String, Long> sentAt(String kind, String scope, Collection<String> ids) {
    long now = System.nanoTime();
    Map<String, Long> sent = new LinkedHashMap<>();
    for (String id : ids) {
      Long at = sentAt.get(kind + '|' + scope + '|' + id);
      if (at != null && now - at < REMEMBER.toNanos()) {
        sent.put(id, at);
      }
    }
    return sent;
  }

  public synchronized boolean anySent(String kind, String scope, Collection<String> ids) {
    long now = System.nanoTime();
    for (String id : ids) {
      Long at = sentAt.get(kind + '|' + scope + '|' + id);
      if (at != null && now - at < REMEMBER.toNanos()) {
        return true;
      }
    }
    return false;
  }
}
