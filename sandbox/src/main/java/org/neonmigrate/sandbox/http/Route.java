package org.neonmigrate.sandbox.http;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A method plus a path template such as {@code /projects/{project_id}}; its {@link #name()} is what
 * the call log and fault rules key on. {@code H} is whatever the owning simulator calls.
 */
public record Route<H>(String method, String template, H handler) {

  /** Handles a request that matched the route. */
  @FunctionalInterface
  public interface Handler {
    SimResponse handle(SimRequest request);
  }

  public String name() {
    return method + " " + template;
  }

  /** The path parameters if the method and path match this route. */
  public Optional<Map<String, String>> match(String requestMethod, String path) {
    return match(requestMethod, path, false);
  }

  /**
   * Like {@link #match(String, String)}; with {@code ignoreCase} the template's literal segments
   * match in any case (as ARM's {@code resourceGroups} or {@code resourcegroups}), parameters keep
   * the case they were sent in.
   */
  public Optional<Map<String, String>> match(
      String requestMethod, String path, boolean ignoreCase) {
    if (!method.equals(requestMethod)) {
      return Optional.empty();
    }
    String[] want = template.split("/", -1);
    String[] got = path.split("/", -1);
    if (want.length != got.length) {
      return Optional.empty();
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < want.length; i++) {
      if (want[i].startsWith("{") && want[i].endsWith("}")) {
        if (got[i].isEmpty()) {
          return Optional.empty();
        }
        params.put(want[i].substring(1, want[i].length() - 1), got[i]);
      } else if (ignoreCase ? !want[i].equalsIgnoreCase(got[i]) : !want[i].equals(got[i])) {
        return Optional.empty();
      }
    }
    return Optional.of(params);
  }
}
