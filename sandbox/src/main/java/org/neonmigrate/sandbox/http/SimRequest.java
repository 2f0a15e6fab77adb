package org.neonmigrate.sandbox.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** One parsed HTTP request as a simulator handler sees it. */
public record SimRequest(
    String method,
    String path,
    String route,
    Map<String, String> pathParams,
    Map<String, List<String>> query,
    Map<String, List<String>> headers,
    byte[] body,
    String requestId) {

  public String pathParam(String name) {
    return pathParams.get(name);
  }

  public String queryParam(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Header lookup ignoring case, as HTTP requires. */
  public String header(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
