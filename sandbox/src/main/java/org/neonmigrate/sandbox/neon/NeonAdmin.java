package org.neonmigrate.sandbox.neon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.neonmigrate.sandbox.http.CallLog;
import org.neonmigrate.sandbox.http.Route;
import org.neonmigrate.sandbox.http.SimRequest;
import org.neonmigrate.sandbox.http.SimResponse;
import org.neonmigrate.sandbox.neon.NeonModel.ApiKey;
import org.neonmigrate.sandbox.neon.NeonModel.Endpoint;
import org.neonmigrate.sandbox.neon.NeonModel.Invitation;
import org.neonmigrate.sandbox.neon.NeonModel.Membership;
import org.neonmigrate.sandbox.neon.NeonModel.Org;
import org.neonmigrate.sandbox.neon.NeonModel.Permission;
import org.neonmigrate.sandbox.neon.NeonModel.Project;

/**
 * The unauthenticated {@code /_sim} admin API: inspect and change state, configure faults and rate
 * limits, read the call log. More routes (seeding, examples) can be added by the sandbox.
 */
public final class NeonAdmin {

  /** Admin views: what tests and demos want to see, never API tokens. */
  public record OrgSummary(Org org, int projectCount, int memberCount) {}

  public record MemberView(String userId, String email, String role) {}

  public record KeyView(long id, String name, String projectId, boolean revoked) {}

  public record ProjectView(
      Project project, List<Endpoint> endpoints, List<Permission> permissions) {}

  public record OrgDetail(
      Org org,
      List<ProjectView> projects,
      List<MemberView> members,
      List<Invitation> invitations,
      List<KeyView> apiKeys) {}

  public record PlanChange(String plan) {}

  public record NewProjects(int count, String integration) {}

  public record CallsView(Map<String, Map<Integer, Integer>> counts, List<CallLog.Call> recent) {}

  public record RateLimitView(int perMinute, int burstPerSecond) {}

  public record FaultsView(
      Faults.Settings settings,
      List<Faults.OneShot> oneShots,
      Faults.TransferPace transferPace,
      Faults.LostResponses lostResponses) {}

  private final NeonSimulator simulator;
  private final ObjectMapper json;
  private final List<Route<Function<SimRequest, SimResponse>>> routes =
      new CopyOnWriteArrayList<>();
  private volatile ProjectFactory projectFactory;

  NeonAdmin(NeonSimulator simulator, ObjectMapper json) {
    this.simulator = simulator;
    this.json = json;
    this.projectFactory = new ProjectFactory(simulator.state(), 7);
    add("GET", "/orgs", r -> ok(orgSummaries()));
    add("GET", "/orgs/{org_id}", r -> ok(orgDetail(r.pathParam("org_id"))));
    add("PUT", "/orgs/{org_id}/plan", this::setPlan);
    add("POST", "/orgs/{org_id}/projects", this::addProjects);
    add("GET", "/projects/{project_id}", r -> ok(projectView(r.pathParam("project_id"))));
    add("DELETE", "/projects/{project_id}/integrations", this::removeIntegrations);
    add("GET", "/faults", r -> ok(faultsView()));
    add("PUT", "/faults", this::setFaults);
    add("POST", "/faults/one-shot", this::addOneShot);
    add("POST", "/faults/answer", this::addAnswer);
    add("PUT", "/faults/transfer-pace", this::setTransferPace);
    add("PUT", "/faults/lost-responses", this::setLostResponses);
    add("DELETE", "/faults", r -> clearFaults());
    add("PUT", "/orgs/{org_id}/members/{user_id}/role", this::setMemberRole);
    add("GET", "/rate-limits", r -> ok(rateLimitView()));
    add("PUT", "/rate-limits", this::setRateLimits);
    add("GET", "/plans", r -> ok(simulator.state().plans()));
    add("PUT", "/plans", this::setPlans);
    add("GET", "/calls", this::calls);
    add("DELETE", "/calls", r -> clearCalls());
  }

  /** Registers another admin route under {@code /_sim} (template relative to it). */
  public void add(String method, String template, Function<SimRequest, SimResponse> handler) {
    routes.add(new Route<>(method, template, handler));
  }

  /** Replaces the factory used by {@code POST /_sim/orgs/{id}/projects}, e.g. after a reseed. */
  public void useProjectFactory(ProjectFactory factory) {
    this.projectFactory = factory;
  }

  SimResponse handle(SimRequest request) {
    String path = request.path().substring(NeonSimulator.ADMIN_PREFIX.length());
    for (Route<Function<SimRequest, SimResponse>> route : routes) {
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
        try {
          return route.handler().apply(matched);
        } catch (NeonApiError e) {
          return adminError(e.status(), e.getMessage());
        } catch (IllegalArgumentException e) {
          return adminError(400, e.getMessage());
        }
      }
    }
    return adminError(404, "no admin route " + request.method() + " " + request.path());
  }

  public List<OrgSummary> orgSummaries() {
    NeonState state = simulator.state();
    List<OrgSummary> out = new ArrayList<>();
    for (Org org : state.orgs()) {
      out.add(new OrgSummary(org, state.projectCount(org.id()), state.members(org.id()).size()));
    }
    return out;
  }

  public OrgDetail orgDetail(String orgId) {
    NeonState state = simulator.state();
    Org org = state.org(orgId).orElseThrow(() -> NeonApiError.notFound("no org " + orgId));
    List<ProjectView> projects =
        state.projects(orgId).stream().map(p -> projectView(p.id())).toList();
    List<MemberView> members = new ArrayList<>();
    for (Membership m : state.members(orgId)) {
      String email = state.user(m.userId()).map(u -> u.email()).orElse("");
      members.add(new MemberView(m.userId(), email, m.role()));
    }
    List<KeyView> keys =
        state.orgKeys(orgId).stream()
            .map((ApiKey k) -> new KeyView(k.id(), k.name(), k.projectId(), k.revoked()))
            .toList();
    return new OrgDetail(org, projects, members, state.invitations(orgId), keys);
  }

  public ProjectView projectView(String projectId) {
    NeonState state = simulator.state();
    Project project =
        state
            .project(projectId)
            .orElseThrow(() -> NeonApiError.notFound("no project " + projectId));
    return new ProjectView(project, state.endpoints(projectId), state.permissions(projectId));
  }

  private SimResponse setPlan(SimRequest request) {
    PlanChange change = body(request, PlanChange.class);
    if (change.plan() == null || simulator.state().plans().rank(change.plan()) < 0) {
      throw new IllegalArgumentException(
          "plan must be one of " + simulator.state().plans().tiers());
    }
    return simulator
        .state()
        .setPlan(request.pathParam("org_id"), change.plan())
        .map(NeonAdmin::ok)
        .orElseThrow(() -> NeonApiError.notFound("no org " + request.pathParam("org_id")));
  }

  private SimResponse addProjects(SimRequest request) {
    NewProjects spec = body(request, NewProjects.class);
    String orgId = request.pathParam("org_id");
    NeonState state = simulator.state();
    state.org(orgId).orElseThrow(() -> NeonApiError.notFound("no org " + orgId));
    if (spec.count() < 1 || spec.count() > 10_000) {
      throw new IllegalArgumentException("count must be within 1..10000");
    }
    String owner = state.members(orgId).stream().findFirst().map(Membership::userId).orElse("");
    List<String> integrations =
        spec.integration() == null ? List.of() : List.of(spec.integration());
    List<Project> created = new ArrayList<>();
    for (int i = 0; i < spec.count(); i++) {
      created.add(projectFactory.create(orgId, owner, "added-project-" + (i + 1), integrations));
    }
    return ok(Map.of("projects", created));
  }

  private SimResponse removeIntegrations(SimRequest request) {
    return simulator
        .state()
        .setIntegrations(request.pathParam("project_id"), List.of())
        .map(NeonAdmin::ok)
        .orElseThrow(() -> NeonApiError.notFound("no project " + request.pathParam("project_id")));
  }

  private SimResponse setPlans(SimRequest request) {
    PlanCatalog catalog = body(request, PlanCatalog.class);
    if (catalog.tiers() == null
        || catalog.tiers().isEmpty()
        || catalog.maxProjects() == null
        || !catalog.maxProjects().keySet().containsAll(catalog.tiers())) {
      throw new IllegalArgumentException(
          "tiers (lowest first) and max_projects for each are required");
    }
    simulator.state().setPlans(catalog);
    return ok(catalog);
  }

  public FaultsView faultsView() {
    return new FaultsView(
        simulator.faults().settings(),
        simulator.faults().oneShots(),
        simulator.faults().transferPace(),
        simulator.faults().lostResponses());
  }

  private SimResponse setLostResponses(SimRequest request) {
    simulator.faults().update(body(request, Faults.LostResponses.class));
    return ok(faultsView());
  }

  private SimResponse setTransferPace(SimRequest request) {
    simulator.faults().update(body(request, Faults.TransferPace.class));
    return ok(faultsView());
  }

  private SimResponse setFaults(SimRequest request) {
    simulator.faults().update(body(request, Faults.Settings.class));
    return ok(faultsView());
  }

  private SimResponse addOneShot(SimRequest request) {
    Faults.OneShot shot = body(request, Faults.OneShot.class);
    if (shot.route() == null || shot.when() == null) {
      throw new IllegalArgumentException("route and when (BEFORE|AFTER) are required");
    }
    simulator.faults().add(shot);
    return ok(faultsView());
  }

  private SimResponse addAnswer(SimRequest request) {
    Faults.Answer answer = body(request, Faults.Answer.class);
    if (answer.body() != null) {
      try {
        json.readTree(answer.body());
      } catch (IOException notJson) {
        throw new IllegalArgumentException("body must be JSON text, e.g. \"{}\"");
      }
    }
    simulator.faults().add(answer);
    return ok(simulator.faults().answers());
  }

  /** A key that loses admin rights mid-migration: {@code {"role": "member"}}. */
  private SimResponse setMemberRole(SimRequest request) {
    RoleChange change = body(request, RoleChange.class);
    if (change.role() == null || change.role().isBlank()) {
      throw new IllegalArgumentException("role is required");
    }
    simulator
        .state()
        .setRole(request.pathParam("org_id"), request.pathParam("user_id"), change.role());
    return ok(simulator.state().members(request.pathParam("org_id")));
  }

  record RoleChange(String role) {}

  private SimResponse clearFaults() {
    simulator.faults().clear();
    return ok(faultsView());
  }

  public RateLimitView rateLimitView() {
    RateLimits.Settings s = simulator.rateLimits().settings();
    return new RateLimitView(s.perMinute(), s.burstPerSecond());
  }

  private SimResponse setRateLimits(SimRequest request) {
    RateLimitView view = body(request, RateLimitView.class);
    simulator.rateLimits().update(new RateLimits.Settings(view.perMinute(), view.burstPerSecond()));
    return ok(rateLimitView());
  }

  private SimResponse calls(SimRequest request) {
    String limit = request.queryParam("limit");
    int n = limit == null ? 100 : Integer.parseInt(limit);
    CallLog log = simulator.calls();
    return ok(new CallsView(log.counts(), log.recent(n)));
  }

  private SimResponse clearCalls() {
    simulator.calls().clear();
    return SimResponse.empty(204);
  }

  /** Reads an admin request body; a bad body is a 400, not a 500. */
  public <T> T body(SimRequest request, Class<T> type) {
    try {
      return json.readValue(request.body().length == 0 ? "{}" : request.bodyText(), type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("malformed JSON body: " + e.getOriginalMessage());
    }
  }

  public static SimResponse ok(Object body) {
    return SimResponse.json(200, body);
  }

  private static SimResponse adminError(int status, String message) {
    return SimResponse.json(
        status, Map.of("code", "ADMIN_ERROR", "message", String.valueOf(message)));
  }
}
