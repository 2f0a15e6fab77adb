package org.neonmigrate.sandbox.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response a handler returns; the body is serialized as JSON unless it is null. {@link #lost()}
 * is no response at all: the connection is closed without an answer, as when a proxy or the network
 * loses the reply of a request that was carried out.
 */
public record SimResponse(int status, Map<String, String> headers, Object body) {
  private static final int LOST = 0;

  public static SimResponse lost() {
    return new SimResponse(LOST, Map.of(), null);
  }

  public boolean isLost() {
    return status == LOST;
  }

  public static SimResponse json(int status, Object body) {
    return new SimResponse(status, new LinkedHashMap<>(), body);
  }

  public static SimResponse empty(int status) {
    return new SimResponse(status, new LinkedHashMap<>(), null);
  }

  public SimResponse withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new SimResponse(status, copy, body);
  }
}
