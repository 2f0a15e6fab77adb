package org.neonmigrate.sandbox.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every call a simulator answered: counts per route and status, plus the most recent entries. */
public final class CallLog {

  /** One answered call; {@code note} carries simulator-specific facts (e.g. an injected fault). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Call(
      String at,
      String method,
      String route,
      String path,
      int status,
      String requestId,
      String note,
      Integer projectsInOrg) {}

  private static final int RECENT_LIMIT = 2000;

  private final Map<String, Map<Integer, Integer>> counts = new TreeMap<>();
  private final Deque<Call> recent = new ArrayDeque<>();

  public synchronized void record(Call call) {
    counts
        .computeIfAbsent(call.route(), r -> new TreeMap<>())
        .merge(call.status(), 1, Integer::sum);
    recent.addLast(call);
    while (recent.size() > RECENT_LIMIT) {
      recent.removeFirst();
    }
  }

  public Call record(
      String method, String route, String path, int status, String requestId, String note) {
    Call call =
        new Call(Instant.now().toString(), method, route, path, status, requestId, note, null);
    record(call);
    return call;
  }

  /** Counts per route name (e.g. {@code GET /projects}), then per status code. */
  public synchronized Map<String, Map<Integer, Integer>> counts() {
    Map<String, Map<Integer, Integer>> copy = new TreeMap<>();
    counts.forEach((route, byStatus) -> copy.put(route, new TreeMap<>(byStatus)));
    return copy;
  }

  public synchronized int count(String route, int status) {
    return counts.getOrDefault(route, Map.of()).getOrDefault(status, 0);
  }

  public synchronized int count(String route) {
    return counts.getOrDefault(route, Map.of()).values().stream().mapToInt(i -> i).sum();
  }

  /** The newest {@code limit} calls, oldest first. */
  public synchronized List<Call> recent(int limit) {
    List<Call> all = new ArrayList<>(recent);
    return all.subList(Math.max(0, all.size() - limit), all.size());
  }

  public synchronized void clear() {
    counts.clear();
    recent.clear();
  }
}
