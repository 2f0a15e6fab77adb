package org.neonmigrate.sandbox.neon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.neonmigrate.sandbox.http.Route;
import org.neonmigrate.sandbox.http.SimRequest;
import org.neonmigrate.sandbox.http.SimResponse;
import org.neonmigrate.sandbox.neon.NeonBodies.AuthDetails;
import org.neonmigrate.sandbox.neon.NeonBodies.CursorPagination;
import org.neonmigrate.sandbox.neon.NeonBodies.EndpointBody;
import org.neonmigrate.sandbox.neon.NeonBodies.Endpoints;
import org.neonmigrate.sandbox.neon.NeonBodies.GrantRequest;
import org.neonmigrate.sandbox.neon.NeonBodies.InvitationBody;
import org.neonmigrate.sandbox.neon.NeonBodies.Invitations;
import org.neonmigrate.sandbox.neon.NeonBodies.InviteRequest;
import org.neonmigrate.sandbox.neon.NeonBodies.InvitesRequest;
import org.neonmigrate.sandbox.neon.NeonBodies.MemberWithUser;
import org.neonmigrate.sandbox.neon.NeonBodies.MembersPage;
import org.neonmigrate.sandbox.neon.NeonBodies.OrgKeyCreateRequest;
import org.neonmigrate.sandbox.neon.NeonBodies.OrgKeyCreated;
import org.neonmigrate.sandbox.neon.NeonBodies.OrgKeyListItem;
import org.neonmigrate.sandbox.neon.NeonBodies.OrgKeyRevoked;
import org.neonmigrate.sandbox.neon.NeonBodies.Organization;
import org.neonmigrate.sandbox.neon.NeonBodies.Organizations;
import org.neonmigrate.sandbox.neon.NeonBodies.Pagination;
import org.neonmigrate.sandbox.neon.NeonBodies.PermissionBody;
import org.neonmigrate.sandbox.neon.NeonBodies.ProjectBody;
import org.neonmigrate.sandbox.neon.NeonBodies.ProjectEnvelope;
import org.neonmigrate.sandbox.neon.NeonBodies.ProjectListItem;
import org.neonmigrate.sandbox.neon.NeonBodies.ProjectPermissions;
import org.neonmigrate.sandbox.neon.NeonBodies.ProjectsPage;
import org.neonmigrate.sandbox.neon.NeonBodies.TransferRequest;
import org.neonmigrate.sandbox.neon.NeonModel.ApiKey;
import org.neonmigrate.sandbox.neon.NeonModel.Invitation;
import org.neonmigrate.sandbox.neon.NeonModel.Membership;
import org.neonmigrate.sandbox.neon.NeonModel.Org;
import org.neonmigrate.sandbox.neon.NeonModel.Permission;
import org.neonmigrate.sandbox.neon.NeonModel.Project;
import org.neonmigrate.sandbox.neon.NeonModel.User;
import org.neonmigrate.workflows.NeonLimits;

/** The Neon API v2 routes the migration uses, with Neon's access rules, over {@link NeonState}. */
public final class NeonApi {

  /** A route handler that knows which API key is calling. */
  @FunctionalInterface
  public interface Handler {
    SimResponse handle(SimRequest request, ApiKey caller);
  }

  public static final String TRANSFER_ROUTE = "POST /organizations/{org_id}/projects/transfer";

  static final int MAX_PROJECTS_PAGE = NeonLimits.PROJECTS_PER_PAGE;
  static final int MAX_TRANSFER = NeonLimits.PROJECTS_PER_TRANSFER;
  static final int MAX_MEMBERS_PAGE = NeonLimits.MEMBERS_PER_PAGE;
  // the spec gives no default page size for members; 100 keeps unpaged callers honest
  static final int DEFAULT_MEMBERS_PAGE = 100;
  private static final Set<String> ROLES =
      Set.of("admin", "member", "editor", "viewer", "collaborator");
  // roles that may receive projects; viewers and collaborators cannot create projects
  private static final Set<String> DESTINATION_ROLES = Set.of("admin", "member", "editor");

  private final NeonState state;
  private final ObjectMapper json;
  private final Faults faults;
  private final SecureRandom tokens = new SecureRandom();
  private final List<Route<Handler>> routes = new ArrayList<>();

  public NeonApi(NeonState state, ObjectMapper json, Faults faults) {
    this.state = state;
    this.json = json;
    this.faults = faults;
    route("GET", "/auth", this::auth);
    route("GET", "/users/me/organizations", this::myOrganizations);
    route("GET", "/organizations/{org_id}", this::organization);
    route("GET", "/projects", this::listProjects);
    route("GET", "/projects/{project_id}", this::project);
    route("GET", "/projects/{project_id}/endpoints", this::endpoints);
    route("POST", "/organizations/{org_id}/projects/transfer", this::transfer);
    route("GET", "/organizations/{org_id}/members", this::members);
    route("GET", "/organizations/{org_id}/invitations", this::invitations);
    route("POST", "/organizations/{org_id}/invitations", this::invite);
    route("GET", "/projects/{project_id}/permissions", this::permissions);
    route("POST", "/projects/{project_id}/permissions", this::grantPermission);
    route("GET", "/organizations/{org_id}/api_keys", this::orgKeys);
    route("POST", "/organizations/{org_id}/api_keys", this::createOrgKey);
    route("DELETE", "/organizations/{org_id}/api_keys/{key_id}", this::revokeOrgKey);
  }

  private void route(String method, String template, Handler handler) {
    routes.add(new Route<>(method, template, handler));
  }

  public List<Route<Handler>> routes() {
    return List.copyOf(routes);
  }

  // ---- identity

  private SimResponse auth(SimRequest request, ApiKey caller) {
    String account = caller.personal() ? caller.userId() : caller.orgId();
    return ok(new AuthDetails(account, caller.personal() ? "api_key_user" : "api_key_org"));
  }

  private SimResponse myOrganizations(SimRequest request, ApiKey caller) {
    List<Org> orgs =
        caller.personal()
            ? state.orgsOf(caller.userId())
            : state.org(caller.orgId()).map(List::of).orElse(List.of());
    return ok(new Organizations(orgs.stream().map(Organization::of).toList()));
  }

  private SimResponse organization(SimRequest request, ApiKey caller) {
    return ok(Organization.of(readableOrg(caller, request.pathParam("org_id"))));
  }

  // ---- projects

  private SimResponse listProjects(SimRequest request, ApiKey caller) {
    String orgId = request.queryParam("org_id");
    if (orgId == null || orgId.isBlank()) {
      if (caller.personal()) {
        throw NeonApiError.badRequest("org_id is required when using a personal API key");
      }
      orgId = caller.orgId();
    }
    Org org = readableOrg(caller, orgId);
    int limit = intParam(request, "limit", 10, 1, MAX_PROJECTS_PAGE);
    String cursor = request.queryParam("cursor");
    String search = request.queryParam("search");
    List<Project> page =
        state.projects(org.id()).stream()
            .filter(p -> cursor == null || cursor.isEmpty() || p.id().compareTo(cursor) > 0)
            .filter(p -> caller.projectId() == null || p.id().equals(caller.projectId()))
            .filter(p -> search == null || p.name().contains(search) || p.id().contains(search))
            .limit(limit)
            .toList();
    Map<String, List<String>> integrations = new LinkedHashMap<>();
    for (Project p : page) {
      if (!p.integrations().isEmpty()) {
        integrations.put(p.id(), p.integrations());
      }
    }
    // Neon hands back the last id as the cursor; an empty page carries none, which ends the walk
    Pagination pagination = page.isEmpty() ? null : new Pagination(page.get(page.size() - 1).id());
    return ok(
        new ProjectsPage(
            page.stream().map(p -> ProjectListItem.of(p, org)).toList(),
            pagination,
            integrations,
            integrations));
  }

  private SimResponse project(SimRequest request, ApiKey caller) {
    return ok(new ProjectEnvelope(ProjectBody.of(readableProject(caller, request))));
  }

  private SimResponse endpoints(SimRequest request, ApiKey caller) {
    Project project = readableProject(caller, request);
    return ok(new Endpoints(state.endpoints(project.id()).stream().map(EndpointBody::of).toList()));
  }

  private SimResponse transfer(SimRequest request, ApiKey caller) {
    requirePersonal(caller, "project transfer");
    String sourceId = request.pathParam("org_id");
    Org source = readableOrg(caller, sourceId);
    requireAdmin(caller, source.id());
    TransferRequest body = body(request, TransferRequest.class);
    if (body.destinationOrgId() == null || body.destinationOrgId().isBlank()) {
      throw NeonApiError.badRequest("destination_org_id is required");
    }
    if (body.projectIds() == null
        || body.projectIds().isEmpty()
        || body.projectIds().size() > MAX_TRANSFER) {
      throw NeonApiError.badRequest(
          "project_ids must list between 1 and " + MAX_TRANSFER + " project ids");
    }
    Org destination = readableOrg(caller, body.destinationOrgId());
    String role =
        state.membership(destination.id(), caller.userId()).map(Membership::role).orElse("");
    if (!DESTINATION_ROLES.contains(role)) {
      throw NeonApiError.forbidden(
          "you must be at least a member of the destination organization " + destination.id());
    }
    if (source.id().equals(destination.id())) {
      throw NeonApiError.badRequest("source and destination organizations must differ");
    }
    Faults.TransferPace pace = faults.transferPace();
    TransferOutcome outcome =
        state.transfer(source.id(), destination.id(), body.projectIds(), pace.settleMs());
    if (outcome instanceof TransferOutcome.Locked locked) {
      // the spec's GeneralError: 423 means another operation in progress holds the resource
      throw new NeonApiError(
          423,
          "LOCKED",
          "projects are locked by another operation in progress: " + locked.projectIds());
    }
    if (outcome instanceof TransferOutcome.LimitsUnsatisfied limits) {
      throw NeonApiError.withBody(
          406, "limits unsatisfied", new NeonBodies.LimitsUnsatisfied(limits.limits()));
    }
    if (outcome instanceof TransferOutcome.BlockedByIntegrations blocked) {
      throw NeonApiError.withBody(
          422,
          "projects have integrations",
          new NeonBodies.ProjectsWithIntegration(blocked.projects()));
    }
    if (outcome instanceof TransferOutcome.ProjectsNotInSource missing) {
      throw NeonApiError.notFound(
          "projects not found in organization " + source.id() + ": " + missing.projectIds());
    }
    pause(pace.answerAfterMs());
    return ok(new NeonBodies.Empty());
  }

  /** Holds the answer back while the accepted transfer goes on (a slow synchronous call). */
  private static void pause(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- members and invitations

  private SimResponse members(SimRequest request, ApiKey caller) {
    Org org = readableOrg(caller, request.pathParam("org_id"));
    int limit = intParam(request, "limit", DEFAULT_MEMBERS_PAGE, 1, MAX_MEMBERS_PAGE);
    String sortBy = oneOf(request, "sort_by", "joined_at", Set.of("email", "role", "joined_at"));
    String sortOrder = oneOf(request, "sort_order", "desc", Set.of("asc", "desc"));
    int offset = decodeOffset(request.queryParam("cursor"));
    Map<String, User> users = state.usersById();
    List<Membership> sorted =
        state.members(org.id()).stream()
            .sorted(NeonState.memberOrder(sortBy, sortOrder.equals("asc"), users))
            .toList();
    List<MemberWithUser> page =
        sorted.stream()
            .skip(offset)
            .limit(limit)
            .map(m -> MemberWithUser.of(m, users.get(m.userId())))
            .toList();
    int nextOffset = offset + page.size();
    String next = nextOffset < sorted.size() ? encodeOffset(nextOffset) : null;
    return ok(new MembersPage(page, new CursorPagination(next, sortBy, sortOrder)));
  }

  private SimResponse invitations(SimRequest request, ApiKey caller) {
    Org org = readableOrg(caller, request.pathParam("org_id"));
    return ok(
        new Invitations(state.invitations(org.id()).stream().map(InvitationBody::of).toList()));
  }

  private SimResponse invite(SimRequest request, ApiKey caller) {
    requirePersonal(caller, "inviting members");
    Org org = readableOrg(caller, request.pathParam("org_id"));
    requireAdmin(caller, org.id());
    InvitesRequest body = body(request, InvitesRequest.class);
    if (body.invitations() == null || body.invitations().isEmpty()) {
      throw NeonApiError.badRequest("invitations must not be empty");
    }
    for (InviteRequest invite : body.invitations()) {
      if (invite.email() == null
          || !invite.email().contains("@")
          || invite.email().length() > 256) {
        throw NeonApiError.badRequest("a valid email is required for every invitation");
      }
      if (invite.role() == null || !ROLES.contains(invite.role())) {
        throw NeonApiError.badRequest("role must be one of " + ROLES);
      }
      boolean member =
          state
              .userByEmail(invite.email())
              .flatMap(u -> state.membership(org.id(), u.id()))
              .isPresent();
      if (member) {
        // conservative: whether Neon answers 409 here is unverified (notes §5)
        throw new NeonApiError(
            409, "CONFLICT", invite.email() + " is already a member of organization " + org.id());
      }
    }
    List<InvitationBody> created = new ArrayList<>();
    for (InviteRequest invite : body.invitations()) {
      String now = NeonState.now();
      Invitation invitation =
          new Invitation(
              UUID.randomUUID().toString(),
              invite.email(),
              org.id(),
              caller.userId(),
              now,
              invite.role());
      state.putInvitation(invitation);
      // a user who already has a Neon account joins at once
      state
          .userByEmail(invite.email())
          .ifPresent(
              u ->
                  state.putMember(
                      new Membership(
                          UUID.randomUUID().toString(), u.id(), org.id(), invite.role(), now)));
      created.add(InvitationBody.of(invitation));
    }
    return ok(new Invitations(created));
  }

  // ---- project collaborators

  private SimResponse permissions(SimRequest request, ApiKey caller) {
    Project project = readableProject(caller, request);
    return ok(
        new ProjectPermissions(
            state.permissions(project.id()).stream().map(PermissionBody::of).toList()));
  }

  private SimResponse grantPermission(SimRequest request, ApiKey caller) {
    Project project = readableProject(caller, request);
    GrantRequest body = body(request, GrantRequest.class);
    if (body.email() == null || !body.email().contains("@") || body.email().length() > 256) {
      throw NeonApiError.badRequest("a valid email is required");
    }
    // granting twice returns the existing grant, which keeps re-grants after a retry harmless
    for (Permission existing : state.permissions(project.id())) {
      if (existing.email().equalsIgnoreCase(body.email())) {
        return ok(PermissionBody.of(existing));
      }
    }
    Permission permission =
        new Permission(UUID.randomUUID().toString(), project.id(), body.email(), NeonState.now());
    state.putPermission(permission);
    return ok(PermissionBody.of(permission));
  }

  // ---- org API keys

  private SimResponse orgKeys(SimRequest request, ApiKey caller) {
    Org org = keyAdministrableOrg(caller, request.pathParam("org_id"));
    List<OrgKeyListItem> items =
        state.orgKeys(org.id()).stream()
            .filter(k -> !k.revoked())
            .map(k -> OrgKeyListItem.of(k, state.user(k.userId()).orElse(null)))
            .toList();
    return ok(items);
  }

  private SimResponse createOrgKey(SimRequest request, ApiKey caller) {
    requirePersonal(caller, "creating organization API keys");
    Org org = readableOrg(caller, request.pathParam("org_id"));
    requireAdmin(caller, org.id());
    OrgKeyCreateRequest body = body(request, OrgKeyCreateRequest.class);
    if (body.keyName() == null || body.keyName().isBlank() || body.keyName().length() > 64) {
      throw NeonApiError.badRequest("key_name is required (at most 64 characters)");
    }
    if (body.projectId() != null
        && state.project(body.projectId()).filter(p -> p.orgId().equals(org.id())).isEmpty()) {
      throw NeonApiError.notFound("project " + body.projectId() + " not found in " + org.id());
    }
    ApiKey key =
        state.newApiKey(newToken(), body.keyName(), org.id(), caller.userId(), body.projectId());
    return ok(
        new OrgKeyCreated(
            key.id(), key.token(), key.name(), key.createdAt(), key.userId(), key.projectId()));
  }

  private SimResponse revokeOrgKey(SimRequest request, ApiKey caller) {
    Org org = keyAdministrableOrg(caller, request.pathParam("org_id"));
    long keyId;
    try {
      keyId = Long.parseLong(request.pathParam("key_id"));
    } catch (NumberFormatException e) {
      throw NeonApiError.badRequest("key_id must be an integer");
    }
    return state
        .revokeOrgKey(org.id(), keyId)
        .map(k -> ok(OrgKeyRevoked.of(k)))
        .orElseThrow(() -> NeonApiError.notFound("API key " + keyId + " not found"));
  }

  private String newToken() {
    byte[] bytes = new byte[32];
    tokens.nextBytes(bytes);
    return "napi_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  // ---- access rules

  /**
   * The org if it exists and the key may see it: a personal key of a member, or its own org key.
   */
  private Org readableOrg(ApiKey caller, String orgId) {
    Org org =
        state
            .org(orgId)
            .orElseThrow(() -> NeonApiError.notFound("organization " + orgId + " not found"));
    if (caller.personal()) {
      if (state.membership(orgId, caller.userId()).isEmpty()) {
        throw NeonApiError.forbidden("you are not a member of organization " + orgId);
      }
    } else if (!caller.orgId().equals(orgId)) {
      throw NeonApiError.forbidden("this organization API key cannot access organization " + orgId);
    }
    return org;
  }

  private Project readableProject(ApiKey caller, SimRequest request) {
    String projectId = request.pathParam("project_id");
    Project project =
        state
            .project(projectId)
            .orElseThrow(() -> NeonApiError.notFound("project " + projectId + " not found"));
    if (caller.projectId() != null && !caller.projectId().equals(projectId)) {
      throw NeonApiError.forbidden("this API key is limited to project " + caller.projectId());
    }
    readableOrg(caller, project.orgId());
    return project;
  }

  /** Admins (personal key) and the org's own org-wide keys may list and revoke keys. */
  private Org keyAdministrableOrg(ApiKey caller, String orgId) {
    Org org = readableOrg(caller, orgId);
    if (caller.personal()) {
      requireAdmin(caller, orgId);
    } else if (caller.projectId() != null) {
      throw NeonApiError.forbidden("a project-scoped API key cannot manage API keys");
    }
    return org;
  }

  private static void requirePersonal(ApiKey caller, String action) {
    if (!caller.personal()) {
      throw NeonApiError.forbidden(
          action + " requires a personal API key; organization API keys are not supported");
    }
  }

  private void requireAdmin(ApiKey caller, String orgId) {
    boolean admin =
        state.membership(orgId, caller.userId()).map(m -> m.role().equals("admin")).orElse(false);
    if (!admin) {
      throw NeonApiError.forbidden("you must be an admin of organization " + orgId);
    }
  }

  // ---- parsing

  private <T> T body(SimRequest request, Class<T> type) {
    if (request.body().length == 0) {
      throw NeonApiError.badRequest("a JSON body is required");
    }
    try {
      return json.readValue(request.bodyText(), type);
    } catch (JsonProcessingException e) {
      throw NeonApiError.badRequest("malformed JSON body: " + e.getOriginalMessage());
    }
  }

  private static int intParam(SimRequest request, String name, int fallback, int min, int max) {
    String raw = request.queryParam(name);
    if (raw == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw);
      if (value < min || value > max) {
        throw NeonApiError.badRequest(name + " must be between " + min + " and " + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw NeonApiError.badRequest(name + " must be an integer");
    }
  }

  private static String oneOf(SimRequest request, String name, String fallback, Set<String> ok) {
    String raw = request.queryParam(name);
    if (raw == null) {
      return fallback;
    }
    if (!ok.contains(raw)) {
      throw NeonApiError.badRequest(name + " must be one of " + new HashSet<>(ok));
    }
    return raw;
  }

  private static String encodeOffset(int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static int decodeOffset(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return 0;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!text.startsWith("offset:")) {
        throw NeonApiError.badRequest("invalid cursor");
      }
      return Integer.parseInt(text.substring("offset:".length()));
    } catch (IllegalArgumentException e) {
      throw NeonApiError.badRequest("invalid cursor");
    }
  }

  private static SimResponse ok(Object body) {
    return SimResponse.json(200, body);
  }
}
