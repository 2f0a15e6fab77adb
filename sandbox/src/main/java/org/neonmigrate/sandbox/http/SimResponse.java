package org.neonmigrate.sandbox.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** A response a handler returns; the body is serialized as JSON unless it is null. */
public record SimResponse(int status, Map<String, String> headers, Object body) {

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
