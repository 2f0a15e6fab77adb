package org.neonmigrate.sandbox.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.neonmigrate.sandbox.http.CallLog;
import org.neonmigrate.sandbox.http.Route;
import org.neonmigrate.sandbox.http.SimHttpServer;
import org.neonmigrate.sandbox.http.SimJson;
import org.neonmigrate.sandbox.http.SimRequest;
import org.neonmigrate.sandbox.http.SimResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Azure Resource Manager simulator for {@code Neon.Postgres/organizations} at api-version
 * {@value #API_VERSION}: GET, HEAD and DELETE of a resource (DELETE with the Location-polling
 * long-running-operation protocol, finished by the clock), both list endpoints paged by {@code
 * nextLink}, the provider read the Azure SDK uses to pick an api-version, and an unauthenticated
 * {@code /_sim} admin API. Paths are normalised as ARM does (repeated slashes collapse, literal
 * segments match in any case); every answer carries {@code x-ms-request-id}.
 */
public final class ArmSimulator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ArmSimulator.class);

  public static final String API_VERSION = "2025-03-01";
  public static final String DEFAULT_TOKEN = "sandbox-arm-token";
  public static final String RESOURCE_TEMPLATE =
      "/subscriptions/{sub}/resourceGroups/{rg}/providers/Neon.Postgres/organizations/{name}";
  public static final String OPERATION_TEMPLATE =
      "/subscriptions/{sub}/providers/Neon.Postgres/locations/{location}/operationResults/{op}";
  public static final String LIST_BY_SUBSCRIPTION_TEMPLATE =
      "/subscriptions/{sub}/providers/Neon.Postgres/organizations";
  public static final String LIST_BY_GROUP_TEMPLATE =
      "/subscriptions/{sub}/resourceGroups/{rg}/providers/Neon.Postgres/organizations";

  /** Microsoft.Resources' provider read, whose api-version is that RP's, not Neon.Postgres'. */
  public static final String PROVIDER_TEMPLATE = "/subscriptions/{sub}/providers/Neon.Postgres";

  /** The page size of the list endpoints unless changed. */
  public static final int DEFAULT_PAGE_SIZE = 100;

  /** The seed of the fault dice, so that a run with the same calls loses the same answers. */
  public static final long DEFAULT_FAULT_SEED = 20250301L;

  private static final Pattern API_VERSION_FORM =
      Pattern.compile("^\\d{4}-\\d{2}-\\d{2}(-preview)?$");
  private static final Pattern REPEATED_SLASHES = Pattern.compile("/{2,}");

  /**
   * How the delete operation behaves; changeable at runtime through {@code PUT /_sim/lro}. The
   * operation runs {@code durationMillis} by the clock; each 202 says {@code Retry-After:
   * retryAfterSeconds} (ARM's guidance for a real service is at least 10 s).
   */
  public record LroSettings(long durationMillis, int retryAfterSeconds) {
    public LroSettings {
      if (durationMillis < 0 || retryAfterSeconds < 0) {
        throw new IllegalArgumentException("LRO settings must not be negative");
      }
    }

    public static LroSettings of(Duration duration, int retryAfterSeconds) {
      return new LroSettings(duration.toMillis(), retryAfterSeconds);
    }

    /** Two seconds, polled every second: short for the sandbox, still a real polling loop. */
    public static LroSettings defaults() {
      return new LroSettings(2_000, 1);
    }
  }

  /** The injected faults; {@code loseResponses} is the chance a DELETE's answer is lost. */
  public record FaultSettings(double loseResponses, long seed) {}

  private final ArmState state;
  private final String token;
  private final ObjectMapper json = SimJson.camelCase();
  private final CallLog calls = new CallLog();
  private final List<Route<BiFunction<SimRequest, ArmSimulator, SimResponse>>> routes;
  private final SimHttpServer server;
  private volatile LroSettings lro = LroSettings.defaults();
  private volatile int pageSize = DEFAULT_PAGE_SIZE;
  private volatile String nextLinkBase;
  private double loseResponses;
  private long faultSeed = DEFAULT_FAULT_SEED;
  private Random faultDice = new Random(DEFAULT_FAULT_SEED);

  public ArmSimulator(ArmState state, String token) {
    this.state = state;
    this.token = token;
    this.routes =
        List.of(
            new Route<>("GET", RESOURCE_TEMPLATE, (r, s) -> s.get(r)),
            new Route<>("HEAD", RESOURCE_TEMPLATE, (r, s) -> s.head(r)),
            new Route<>("DELETE", RESOURCE_TEMPLATE, (r, s) -> s.delete(r)),
            new Route<>("GET", OPERATION_TEMPLATE, (r, s) -> s.operation(r)),
            new Route<>("GET", LIST_BY_SUBSCRIPTION_TEMPLATE, (r, s) -> s.list(r, false)),
            new Route<>("GET", LIST_BY_GROUP_TEMPLATE, (r, s) -> s.list(r, true)),
            new Route<>("GET", PROVIDER_TEMPLATE, (r, s) -> s.provider(r)));
    this.server = new SimHttpServer("arm-sim", json, this::answer);
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

  public int pageSize() {
    return pageSize;
  }

  /** How many resources one page of a list endpoint holds (at least 1). */
  public void setPageSize(int size) {
    if (size < 1 || size > 1000) {
      throw new IllegalArgumentException("page size must be 1..1000");
    }
    this.pageSize = size;
  }

  /**
   * Where list pages' {@code nextLink}s point: null for this simulator itself. A test points them
   * elsewhere (another host name for the same server, say) to check that a client refuses to send
   * its token to a host that is not ARM's.
   */
  public void setNextLinkBase(String base) {
    this.nextLinkBase = base;
  }

  private long answersLost;

  /**
   * The chance (0..1) that a DELETE is carried out (the deletion starts and is recorded as usual)
   * and then its answer is lost: the connection closes without a response.
   */
  public synchronized void loseResponses(double probability) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("loseResponses must be between 0 and 1");
    }
    this.loseResponses = probability;
  }

  /** Starts the fault dice again from {@code seed}, so that a run can be replayed. */
  public synchronized void reseedFaults(long seed) {
    this.faultSeed = seed;
    this.faultDice = new Random(seed);
  }

  public synchronized FaultSettings faults() {
    return new FaultSettings(loseResponses, faultSeed);
  }

  /** No faults, the dice at their default seed, default page size and LRO shape. */
  public void resetSettings() {
    loseResponses(0);
    reseedFaults(DEFAULT_FAULT_SEED);
    setPageSize(DEFAULT_PAGE_SIZE);
    setNextLinkBase(null);
    setLro(LroSettings.defaults());
  }

  private synchronized boolean loseThisAnswer() {
    boolean lose = loseResponses > 0 && faultDice.nextDouble() < loseResponses;
    if (lose) {
      answersLost++;
    }
    return lose;
  }

  /** How many DELETE answers were lost since the simulator started. */
  public synchronized long answersLost() {
    return answersLost;
  }

  /** Every answer: normalised path, ids on it, no body on HEAD, an ARM error for a bug. */
  private SimResponse answer(SimRequest raw) {
    SimRequest request =
        new SimRequest(
            raw.method(),
            REPEATED_SLASHES.matcher(raw.path()).replaceAll("/"),
            null,
            Map.of(),
            raw.query(),
            raw.headers(),
            raw.body(),
            raw.requestId());
    SimResponse response;
    try {
      response = dispatch(request);
    } catch (RuntimeException e) {
      log.error("arm-sim failed on {} {}", request.method(), request.path(), e);
      response =
          error(500, "InternalServerError", "simulator error: " + e.getClass().getSimpleName());
    }
    if (response.isLost()) {
      return response;
    }
    if ("HEAD".equals(request.method()) && response.body() != null) {
      response = new SimResponse(response.status(), response.headers(), null);
    }
    String correlation = request.header("x-ms-correlation-request-id");
    return response
        .withHeader("x-ms-request-id", request.requestId())
        .withHeader(
            "x-ms-correlation-request-id",
            correlation == null || correlation.isBlank() ? request.requestId() : correlation);
  }

  private SimResponse dispatch(SimRequest request) {
    if (request.path().startsWith("/_sim/") || request.path().equals("/_sim")) {
      return admin(request);
    }
    for (Route<BiFunction<SimRequest, ArmSimulator, SimResponse>> route : routes) {
      Optional<Map<String, String>> params = route.match(request.method(), request.path(), true);
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
        SimResponse response = guard(matched, route.template().equals(PROVIDER_TEMPLATE));
        boolean handled = response == null;
        if (handled) {
          response = route.handler().apply(matched, this);
        }
        // an accepted or lost DELETE logs itself, with the project count it saw
        boolean selfLogged =
            handled
                && "DELETE".equals(request.method())
                && (response.status() == 202 || response.isLost());
        if (!selfLogged) {
          calls.record(
              request.method(), route.name(), request.path(), response.status(), null, null);
        }
        return response;
      }
    }
    calls.record(request.method(), "UNMATCHED", request.path(), 404, null, null);
    return error(
        404,
        "InvalidResourceType",
        "The resource type could not be found for " + request.method() + " " + request.path());
  }

  /** Authentication and api-version, checked before any handler; null when both pass. */
  private SimResponse guard(SimRequest request, boolean providerRead) {
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
    boolean supported =
        providerRead ? API_VERSION_FORM.matcher(version).matches() : version.equals(API_VERSION);
    if (!supported) {
      return error(
          400,
          "InvalidApiVersionParameter",
          "The api-version '"
              + version
              + "' is invalid. The supported versions are '"
              + (providerRead ? "yyyy-mm-dd[-preview]" : API_VERSION)
              + "'.");
    }
    return null;
  }

  private SimResponse get(SimRequest request) {
    String sub = request.pathParam("sub");
    String rg = request.pathParam("rg");
    String name = request.pathParam("name");
    return state
        .find(sub, rg, name)
        .map(r -> SimResponse.json(200, body(r)))
        .orElseGet(() -> notFound(request));
  }

  private ArmBodies.OrganizationResource body(ArmState.Resource r) {
    boolean partnerBlock =
        !state.partnerBlockHidden(r.subscriptionId(), r.resourceGroup(), r.name());
    return ArmBodies.OrganizationResource.of(r, partnerBlock);
  }

  /**
   * {@code checkExistence}: 204 while the resource exists (also while it is deleting), else 404.
   */
  private SimResponse head(SimRequest request) {
    return state
        .find(request.pathParam("sub"), request.pathParam("rg"), request.pathParam("name"))
        .map(r -> SimResponse.empty(204))
        .orElseGet(() -> notFound(request));
  }

  /** One page of a list, in id order; the skip token names the last id of the page before. */
  private SimResponse list(SimRequest request, boolean byGroup) {
    String sub = request.pathParam("sub");
    String rg = byGroup ? request.pathParam("rg") : null;
    if (!state.hasSubscription(sub)) {
      return error(
          404, "SubscriptionNotFound", "The subscription '" + sub + "' could not be found.");
    }
    if (byGroup && !state.hasResourceGroup(sub, rg)) {
      return error(404, "ResourceGroupNotFound", "Resource group '" + rg + "' could not be found.");
    }
    String after = null;
    String skipToken = request.queryParam("$skipToken");
    if (skipToken != null) {
      try {
        after = new String(Base64.getUrlDecoder().decode(skipToken), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return error(400, "InvalidSkipToken", "The $skipToken '" + skipToken + "' is invalid.");
      }
      if (!after.startsWith("/subscriptions/")) {
        return error(400, "InvalidSkipToken", "The $skipToken '" + skipToken + "' is invalid.");
      }
    }
    String from = after == null ? null : after.toLowerCase(Locale.ROOT);
    List<ArmState.Resource> rest =
        state.list(sub, rg).stream()
            .filter(r -> from == null || r.id().toLowerCase(Locale.ROOT).compareTo(from) > 0)
            .toList();
    int size = pageSize;
    List<ArmState.Resource> page = rest.subList(0, Math.min(size, rest.size()));
    String nextLink = null;
    if (rest.size() > page.size()) {
      String last = page.get(page.size() - 1).id();
      String base = nextLinkBase;
      nextLink =
          (base == null ? baseUrl() : base)
              + request.path()
              + "?api-version="
              + API_VERSION
              + "&$skipToken="
              + Base64.getUrlEncoder()
                  .withoutPadding()
                  .encodeToString(last.getBytes(StandardCharsets.UTF_8));
    }
    return SimResponse.json(
        200, new ArmBodies.OrganizationList(page.stream().map(this::body).toList(), nextLink));
  }

  /** The provider as registered in the subscription: the types and api-versions it serves. */
  private SimResponse provider(SimRequest request) {
    String sub = request.pathParam("sub");
    if (!state.hasSubscription(sub)) {
      return error(
          404, "SubscriptionNotFound", "The subscription '" + sub + "' could not be found.");
    }
    List<String> versions = List.of(API_VERSION);
    List<String> locations = state.locations();
    return SimResponse.json(
        200,
        new ArmBodies.Provider(
            "/subscriptions/" + sub + "/providers/Neon.Postgres",
            "Neon.Postgres",
            "Registered",
            "RegistrationRequired",
            List.of(
                new ArmBodies.ProviderResourceType(
                    "organizations",
                    locations,
                    versions,
                    API_VERSION,
                    "SystemAssignedResourceIdentity"),
                new ArmBodies.ProviderResourceType(
                    "operations", List.of(), versions, API_VERSION, null),
                new ArmBodies.ProviderResourceType(
                    "locations", List.of(), versions, API_VERSION, null),
                new ArmBodies.ProviderResourceType(
                    "locations/operationResults", locations, versions, API_VERSION, null))));
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
            Duration.ofMillis(settings.durationMillis()));
    boolean lose = loseThisAnswer();
    if (start.isEmpty()) {
      SimResponse answer =
          state.hasResourceGroup(sub, request.pathParam("rg"))
              ? SimResponse.empty(204)
              : notFound(request);
      if (!lose) {
        return answer;
      }
      calls.record(
          request.method(), request.route(), request.path(), answer.status(), null, "answer lost");
      return SimResponse.lost();
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
            "operation " + op.id() + (lose ? "; answer lost" : ""),
            start.get().projectsInOrg()));
    if (lose) {
      // the deletion is under way; the caller never hears of it
      return SimResponse.lost();
    }
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
        JsonNode body = json.readTree(request.bodyText());
        JsonNode duration = body == null ? null : body.get("durationMillis");
        JsonNode retryAfter = body == null ? null : body.get("retryAfterSeconds");
        if (duration == null
            || !duration.canConvertToLong()
            || retryAfter == null
            || !retryAfter.canConvertToInt()) {
          throw new IllegalArgumentException("both fields are required integers");
        }
        setLro(new LroSettings(duration.asLong(), retryAfter.asInt()));
      } catch (IOException | IllegalArgumentException e) {
        return error(
            400, "InvalidRequest", "expected {\"durationMillis\":ms,\"retryAfterSeconds\":s}");
      }
      return SimResponse.json(200, lro);
    }
    if (method.equals("GET") && path.equals("/_sim/faults")) {
      return SimResponse.json(200, faults());
    }
    if (method.equals("PUT") && path.equals("/_sim/faults")) {
      try {
        JsonNode body = json.readTree(request.bodyText());
        JsonNode lose = body == null ? null : body.get("loseResponses");
        JsonNode seed = body == null ? null : body.get("seed");
        if (lose == null || !lose.isNumber() || (seed != null && !seed.canConvertToLong())) {
          throw new IllegalArgumentException("loseResponses is a required number");
        }
        loseResponses(lose.asDouble());
        if (seed != null) {
          reseedFaults(seed.asLong());
        }
      } catch (IOException | IllegalArgumentException e) {
        return error(
            400, "InvalidRequest", "expected {\"loseResponses\":0..1} and optionally \"seed\":n");
      }
      return SimResponse.json(200, faults());
    }
    if (method.equals("GET") && path.equals("/_sim/paging")) {
      return SimResponse.json(200, Map.of("pageSize", pageSize));
    }
    if (method.equals("PUT") && path.equals("/_sim/paging")) {
      try {
        JsonNode size = json.readTree(request.bodyText()).get("pageSize");
        if (size == null || !size.canConvertToInt()) {
          throw new IllegalArgumentException("pageSize is required");
        }
        setPageSize(size.asInt());
      } catch (IOException | RuntimeException e) {
        return error(400, "InvalidRequest", "expected {\"pageSize\":1..1000}");
      }
      return SimResponse.json(200, Map.of("pageSize", pageSize));
    }
    return error(404, "NotFound", "no admin route " + method + " " + path);
  }

  @Override
  public void close() {
    server.close();
  }
}
