package org.neonmigrate.sandbox.neon;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.neonmigrate.sandbox.http.CallLog;
import org.neonmigrate.sandbox.http.Route;
import org.neonmigrate.sandbox.http.SimHttpServer;
import org.neonmigrate.sandbox.http.SimJson;
import org.neonmigrate.sandbox.http.SimRequest;
import org.neonmigrate.sandbox.http.SimResponse;
import org.neonmigrate.sandbox.neon.NeonModel.ApiKey;

/**
 * The Neon API v2 simulator: {@code /api/v2/...} for clients, {@code /_sim/...} for tests and
 * demos. Each API call passes, in order: latency, authentication, rate limits, "before" faults, the
 * handler, "after" faults; then it is logged.
 */
public final class NeonSimulator implements AutoCloseable {
  public static final String API_PREFIX = "/api/v2";
  public static final String ADMIN_PREFIX = "/_sim";

  private final NeonState state;
  private final ObjectMapper json = SimJson.snakeCase();
  private final NeonApi api;
  private final RateLimits rateLimits;
  private final Faults faults;
  private final CallLog calls = new CallLog();
  private final NeonAdmin admin;
  private final SimHttpServer server;

  public NeonSimulator(NeonState state, RateLimits.Settings limits, long faultSeed) {
    this.state = state;
    this.faults = new Faults(faultSeed);
    this.api = new NeonApi(state, json, faults);
    this.rateLimits = new RateLimits(limits);
    this.admin = new NeonAdmin(this, json);
    this.server = new SimHttpServer("neon-sim", json, this::dispatch);
  }

  /** Binds 127.0.0.1:{@code port} (0 = an ephemeral port) and returns the bound port. */
  public int start(int port) throws IOException {
    return server.start(port, 16);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.port() + API_PREFIX;
  }

  public String adminUrl() {
    return "http://127.0.0.1:" + server.port() + ADMIN_PREFIX;
  }

  public NeonState state() {
    return state;
  }

  public RateLimits rateLimits() {
    return rateLimits;
  }

  public Faults faults() {
    return faults;
  }

  public CallLog calls() {
    return calls;
  }

  public NeonAdmin admin() {
    return admin;
  }

  private SimResponse dispatch(SimRequest request) {
    if (request.path().equals(ADMIN_PREFIX) || request.path().startsWith(ADMIN_PREFIX + "/")) {
      return admin.handle(request);
    }
    SimResponse response = answer(request);
    return response.withHeader("x-request-id", request.requestId());
  }

  private SimResponse answer(SimRequest request) {
    if (!request.path().startsWith(API_PREFIX + "/")) {
      return logged(request, "UNMATCHED", error(request, 404, "NOT_FOUND", "no such route"), null);
    }
    String path = request.path().substring(API_PREFIX.length());
    for (Route<NeonApi.Handler> route : api.routes()) {
      Optional<Map<String, String>> params = route.match(request.method(), path);
      if (params.isPresent()) {
        SimRequest matched =
            new SimRequest(
                request.method(),
                request.path(),
                route.name(),
                params.get(),
                request.query(),
                request.headers(),
                request.body(),
                request.requestId());
        return call(matched, route.handler());
      }
    }
    return logged(request, "UNMATCHED", error(request, 404, "NOT_FOUND", "no such route"), null);
  }

  private SimResponse call(SimRequest request, NeonApi.Handler handler) {
    long latency = faults.settings().latencyMs();
    if (latency > 0) {
      try {
        Thread.sleep(latency);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Optional<ApiKey> caller = authenticate(request);
    if (caller.isEmpty()) {
      return logged(
          request,
          request.route(),
          error(request, 401, "UNAUTHORIZED", "missing, unknown or revoked API key"),
          null);
    }
    OptionalLong wait = rateLimits.tryAcquire(caller.get().id(), request.route());
    if (wait.isPresent()) {
      return logged(
          request, request.route(), tooManyRequests(request, wait.getAsLong()), "rate-limited");
    }
    Optional<Faults.OneShot> before = faults.takeOneShot(request.route(), Faults.When.BEFORE);
    if (before.isPresent()) {
      return logged(
          request, request.route(), injected(request, before.get().status()), "fault:before");
    }
    Optional<Faults.Answer> answer = faults.takeAnswer(request.route());
    if (answer.isPresent()) {
      return logged(request, request.route(), answered(answer.get()), "fault:answer");
    }
    Optional<Integer> random = faults.randomError();
    if (random.isPresent()) {
      return logged(request, request.route(), injected(request, random.get()), "fault:random");
    }
    SimResponse response;
    try {
      response = handler.handle(request, caller.get());
    } catch (NeonApiError e) {
      response =
          e.body() != null
              ? SimResponse.json(e.status(), e.body())
              : error(request, e.status(), e.code(), e.getMessage());
    }
    Optional<Faults.OneShot> after = faults.takeOneShot(request.route(), Faults.When.AFTER);
    if (after.isPresent()) {
      // the work above has happened; the caller only sees an error (a lost response)
      return logged(
          request, request.route(), injected(request, after.get().status()), "fault:after");
    }
    if (!request.method().equals("GET") && faults.loseThisAnswer()) {
      // carried out, then the answer is lost: the log keeps the status the work ended with
      logged(request, request.route(), response, "fault:lost");
      return SimResponse.lost();
    }
    return logged(request, request.route(), response, null);
  }

  private Optional<ApiKey> authenticate(SimRequest request) {
    String header = request.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String token = header.substring(7).trim();
    return state.keyByToken(token).filter(k -> !k.revoked());
  }

  private SimResponse answered(Faults.Answer answer) {
    if (answer.body() == null) {
      return SimResponse.empty(answer.status());
    }
    try {
      return SimResponse.json(answer.status(), json.readTree(answer.body()));
    } catch (java.io.IOException notJson) {
      throw new IllegalStateException("an injected answer's body must be JSON", notJson);
    }
  }

  private SimResponse injected(SimRequest request, int status) {
    if (status == 429) {
      return tooManyRequests(request, 1);
    }
    String code = status == 503 ? "SERVICE_UNAVAILABLE" : "INTERNAL_ERROR";
    return error(request, status, code, "injected fault (HTTP " + status + ")");
  }

  private SimResponse tooManyRequests(SimRequest request, long retryAfterSeconds) {
    return error(request, 429, "TOO_MANY_REQUESTS", "rate limit exceeded")
        .withHeader("Retry-After", Long.toString(retryAfterSeconds));
  }

  private static SimResponse error(SimRequest request, int status, String code, String message) {
    return SimResponse.json(
        status, new NeonBodies.GeneralError(code, message, request.requestId()));
  }

  private SimResponse logged(SimRequest request, String route, SimResponse response, String note) {
    calls.record(
        request.method(), route, request.path(), response.status(), request.requestId(), note);
    return response;
  }

  @Override
  public void close() {
    server.close();
  }
}
