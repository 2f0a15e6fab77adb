package org.neonmigrate.sandbox.arm;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.neonmigrate.sandbox.http.CallLog;
import org.neonmigrate.sandbox.http.Route;
import org.neonmigrate.sandbox.http.SimHttpServer;
import org.neonmigrate.sandbox.http.SimJson;
import org.neonmigrate.sandbox.http.SimRequest;
import org.neonmigrate.sandbox.http.SimResponse;

/**
 * The Azure Resource Manager simulator for {@code Neon.Postgres/organizations}: GET, DELETE with
 * the Location-polling long-running-operation protocol, and an unauthenticated {@code /_sim} admin
 * API.
 */
public final class ArmSimulator implements AutoCloseable {
  public static final String API_VERSION = "2025-03-01";
  public static final String DEFAULT_TOKEN = "sandbox-arm-token";
  public static final String RESOURCE_TEMPLATE =
      "/subscriptions/{sub}/resourceGroups/{rg}/providers/Neon.Postgres/organizations/{name}";
  public static final String OPERATION_TEMPLATE =
      "/subscriptions/{sub}/providers/Neon.Postgres/locations/{location}/operationResults/{op}";

  /** How the delete operation behaves; changeable at runtime through {@code PUT /_sim/lro}. */
  public record LroSettings(int pendingPolls, int retryAfterSeconds) {
    public LroSettings {
      if (pendingPolls < 0 || retryAfterSeconds < 0) {
        throw new IllegalArgumentException("LRO settings must not be negative");
      }
    }

    /** Two pending polls, one second apart: enough to exercise a client's polling loop. */
    public static LroSettings defaults() {
      return new LroSettings(2, 1);
    }
  }

  private final ArmState state;
  private final String token;
  private final ObjectMapper json = SimJson.camelCase();
  private final CallLog calls = new CallLog();
  private final List<Route<BiFunction<SimRequest, ArmSimulator, SimResponse>>> routes;
  private final SimHttpServer server;
  private volatile LroSettings lro = LroSettings.defaults();

  public ArmSimulator(ArmState state, String token) {
    this.state = state;
    this.token = token;
    this.routes =
        List.of(
            new Route<>("GET", RESOURCE_TEMPLATE, (r, s) -> s.get(r)),
            new Route<>("DELETE", RESOURCE_TEMPLATE, (r, s) -> s.delete(r)),
            new Route<>("GET", OPERATION_TEMPLATE, (r, s) -> s.operation(r)));
    this.server = new SimHttpServer("arm-sim", json, this::dispatch);
  }

  /** Binds 127.0.0.1:{@code port} (0 = an ephemeral port) and returns the bound port. */
  public int start(int port) throws IOException {
    return server.start(port, 4);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  public ArmState state() {
    return state;
  }

  public CallLog calls() {
    return calls;
  }

  public LroSettings lro() {
    return lro;
  }

  public void setLro(LroSettings settings) {
    this.lro = settings;
  }

  private SimResponse dispatch(SimRequest request) {
    if (request.path().startsWith("/_sim/") || request.path().equals("/_sim")) {
      return admin(request);
    }
    for (Route<BiFunction<SimRequest, ArmSimulator, SimResponse>> route : routes) {
      Optional<Map<String, String>> params = route.match(request.method(), request.path());
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
        SimResponse response = guard(matched);
        if (response == null) {
          response = route.handler().apply(matched, this);
        }
        // an accepted DELETE logs itself, with the project count it saw
        if (!"DELETE".equals(request.method()) || response.status() != 202) {
          calls.record(
              request.method(), route.name(), request.path(), response.status(), null, null);
        }
        return response.withHeader("x-ms-request-id", request.requestId());
      }
    }
    calls.record(request.method(), "UNMATCHED", request.path(), 404, null, null);
    return error(404, "InvalidResourceType", "no such resource type or path");
  }

  /** Authentication and api-version, checked before any handler; null when both pass. */
  private SimResponse guard(SimRequest request) {
    String auth = request.header("Authorization");
    if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return error(
          401,
          "AuthenticationFailed",
          "Authentication failed. The Authorization header is missing.");
    }
    if (!auth.substring(7).trim().equals(token)) {
      return error(401, "InvalidAuthenticationToken", "The access token is invalid.");
    }
    String version = request.queryParam("api-version");
    if (version == null || version.isBlank()) {
      return error(
          400, "MissingApiVersionParameter", "The api-version query parameter is required.");
    }
    if (!version.equals(API_VERSION)) {
      return error(
          400,
          "InvalidApiVersionParameter",
          "The api-version '"
              + version
              + "' is invalid. The supported versions are '"
              + API_VERSION
              + "'.");
    }
    return null;
  }

  private SimResponse get(SimRequest request) {
    String sub = request.pathParam("sub");
    String rg = request.pathParam("rg");
    String name = request.pathParam("name");
    boolean partnerBlock = !state.partnerBlockHidden(sub, rg, name);
    return state
        .find(sub, rg, name)
        .map(r -> SimResponse.json(200, ArmBodies.OrganizationResource.of(r, partnerBlock)))
        .orElseGet(() -> notFound(request));
  }

  private SimResponse delete(SimRequest request) {
    String sub = request.pathParam("sub");
    Optional<ArmState.Resource> before =
        state.find(sub, request.pathParam("rg"), request.pathParam("name"));
    LroSettings settings = lro;
    Optional<ArmState.DeleteStart> start =
        state.beginDelete(
            sub,
            request.pathParam("rg"),
            request.pathParam("name"),
            settings.pendingPolls(),
            // by the clock it lasts as long as its polls would take
            Duration.ofSeconds((long) settings.pendingPolls() * settings.retryAfterSeconds()));
    if (start.isEmpty()) {
      return state.hasResourceGroup(sub, request.pathParam("rg"))
          ? SimResponse.empty(204)
          : notFound(request);
    }
    ArmState.Operation op = start.get().operation();
    calls.record(
        new CallLog.Call(
            Instant.now().toString(),
            request.method(),
            request.route(),
            request.path(),
            202,
            null,
            "operation " + op.id(),
            start.get().projectsInOrg()));
    String location =
        baseUrl()
            + "/subscriptions/"
            + sub
            + "/providers/Neon.Postgres/locations/"
            + before.map(ArmState.Resource::location).orElse("eastus")
            + "/operationResults/"
            + op.id()
            + "?api-version="
            + API_VERSION;
    return SimResponse.empty(202)
        .withHeader("Location", location)
        .withHeader("Retry-After", Integer.toString(settings.retryAfterSeconds()));
  }

  private SimResponse operation(SimRequest request) {
    return state
        .poll(request.pathParam("op"))
        .map(
            op ->
                op.done()
                    ? SimResponse.empty(200)
                    : SimResponse.empty(202)
                        .withHeader(
                            "Location", baseUrl() + request.path() + "?api-version=" + API_VERSION)
                        .withHeader("Retry-After", Integer.toString(lro.retryAfterSeconds())))
        .orElseGet(() -> error(404, "ResourceNotFound", "operation not found"));
  }

  /** ARM names what is missing: the subscription, the resource group, or the resource. */
  private SimResponse notFound(SimRequest request) {
    String sub = request.pathParam("sub");
    String rg = request.pathParam("rg");
    if (!state.hasSubscription(sub)) {
      return error(
          404, "SubscriptionNotFound", "The subscription '" + sub + "' could not be found.");
    }
    if (!state.hasResourceGroup(sub, rg)) {
      return error(404, "ResourceGroupNotFound", "Resource group '" + rg + "' could not be found.");
    }
    return error(
        404,
        "ResourceNotFound",
        "The Resource 'Neon.Postgres/organizations/"
            + request.pathParam("name")
            + "' under resource group '"
            + request.pathParam("rg")
            + "' was not found.");
  }

  private static SimResponse error(int status, String code, String message) {
    return SimResponse.json(
        status, new ArmBodies.ErrorResponse(new ArmBodies.ErrorDetail(code, message)));
  }

  // ---- admin

  /** Body of {@code PUT /_sim/partner-block}: show or hide a resource's partner block. */
  public record PartnerBlock(
      String subscriptionId, String resourceGroup, String name, boolean shown) {}

  /** Admin views. */
  public record OperationsView(List<ArmState.Operation> operations, int totalPolls) {}

  private SimResponse admin(SimRequest request) {
    String path = request.path();
    String method = request.method();
    if (method.equals("GET") && path.equals("/_sim/resources")) {
      return SimResponse.json(200, state.resources());
    }
    if (method.equals("PUT") && path.equals("/_sim/partner-block")) {
      try {
        PartnerBlock change = json.readValue(request.bodyText(), PartnerBlock.class);
        state.hidePartnerBlock(
            change.subscriptionId(), change.resourceGroup(), change.name(), !change.shown());
        return SimResponse.json(200, change);
      } catch (IOException | RuntimeException e) {
        return error(
            400,
            "InvalidRequest",
            "expected {\"subscriptionId\",\"resourceGroup\",\"name\",\"shown\":false}");
      }
    }
    if (method.equals("GET") && path.equals("/_sim/deletions")) {
      return SimResponse.json(200, state.deletions());
    }
    if (method.equals("GET") && path.equals("/_sim/calls")) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("counts", calls.counts());
      body.put("recent", calls.recent(100));
      return SimResponse.json(200, body);
    }
    if (method.equals("GET") && path.equals("/_sim/lro")) {
      List<ArmState.Operation> ops = state.operations();
      return SimResponse.json(
          200,
          Map.of(
              "settings", lro,
              "operations", ops,
              "totalPolls", ops.stream().mapToInt(ArmState.Operation::polls).sum()));
    }
    if (method.equals("PUT") && path.equals("/_sim/lro")) {
      try {
        setLro(json.readValue(request.bodyText(), LroSettings.class));
      } catch (IOException | IllegalArgumentException e) {
        return error(
            400, "InvalidRequest", "expected {\"pendingPolls\":n,\"retryAfterSeconds\":s}");
      }
      return SimResponse.json(200, lro);
    }
    return error(404, "NotFound", "no admin route " + method + " " + path);
  }

  @Override
  public void close() {
    server.close();
  }
}
