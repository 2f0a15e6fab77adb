package org.neonmigrate.sandbox.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback JDK HTTP server that turns exchanges into {@link SimRequest}s and writes {@link
 * SimResponse}s as JSON. Plain JDK server so that no Micronaut context in the same JVM picks up
 * simulator routes.
 */
public final class SimHttpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SimHttpServer.class);

  private final String name;
  private final ObjectMapper json;
  private final Function<SimRequest, SimResponse> dispatcher;

  static {
    // The JDK server writes headers and body separately; with Nagle's algorithm on, every
    // keep-alive response then waits ~40 ms for the client's delayed ACK. Read once at class init.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private HttpServer server;
  private ExecutorService executor;

  public SimHttpServer(
      String name, ObjectMapper json, Function<SimRequest, SimResponse> dispatcher) {
    this.name = name;
    this.json = json;
    this.dispatcher = dispatcher;
  }

  /** Binds 127.0.0.1:{@code port} (0 = ephemeral) and returns the bound port. */
  public int start(int port, int threads) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
    executor = Executors.newFixedThreadPool(threads, r -> newThread(r));
    server.setExecutor(executor);
    server.createContext("/", this::exchange);
    server.start();
    return server.getAddress().getPort();
  }

  private Thread newThread(Runnable r) {
    Thread t = new Thread(r, name + "-http");
    t.setDaemon(true);
    return t;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void exchange(HttpExchange exchange) throws IOException {
    try (exchange) {
      SimRequest request = parse(exchange);
      SimResponse response;
      try {
        response = dispatcher.apply(request);
      } catch (RuntimeException e) {
        // a simulator bug must surface as a 500 with a log line, never as a dropped connection
        log.error("{} failed on {} {}", name, request.method(), request.path(), e);
        response =
            SimResponse.json(
                500,
                Map.of(
                    "code",
                    "INTERNAL_ERROR",
                    "message",
                    "simulator error: " + e.getClass().getSimpleName(),
                    "request_id",
                    request.requestId()));
      }
      write(exchange, response);
    }
  }

  private static SimRequest parse(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    Map<String, List<String>> headers = new LinkedHashMap<>(exchange.getRequestHeaders());
    String requestId = exchange.getRequestHeaders().getFirst("X-Request-ID");
    if (requestId == null || requestId.isBlank()) {
      requestId = UUID.randomUUID().toString();
    }
    return new SimRequest(
        exchange.getRequestMethod(),
        rawPath(uri),
        null,
        Map.of(),
        parseQuery(uri.getRawQuery()),
        headers,
        body,
        requestId);
  }

  /**
   * The path as sent. An origin-form target that starts with "//" parses as a URI with an authority
   * ("//subscriptions/x" has the authority "subscriptions"), so it is taken from the raw text.
   */
  static String rawPath(URI uri) {
    if (uri.getScheme() != null || uri.getRawAuthority() == null) {
      return uri.getRawPath();
    }
    String raw = uri.toString();
    int end = raw.length();
    for (char stop : new char[] {'?', '#'}) {
      int at = raw.indexOf(stop);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    return raw.substring(0, end);
  }

  static Map<String, List<String>> parseQuery(String raw) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return query;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private void write(HttpExchange exchange, SimResponse response) throws IOException {
    if (response.isLost()) {
      // closing an exchange whose headers were never sent closes the connection: no answer at all
      return;
    }
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    if (response.body() == null) {
      exchange.sendResponseHeaders(response.status(), -1);
      return;
    }
    byte[] bytes = json.writeValueAsBytes(response.body());
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(response.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      try {
        executor.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
