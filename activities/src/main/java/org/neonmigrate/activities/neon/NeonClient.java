package org.neonmigrate.activities.neon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.neonmigrate.activities.ActivityHeartbeat;
import org.neonmigrate.activities.metrics.ActivityMetrics;
import org.neonmigrate.activities.neon.model.AuthDetails;
import org.neonmigrate.activities.neon.model.CreatedOrgApiKey;
import org.neonmigrate.activities.neon.model.EndpointList;
import org.neonmigrate.activities.neon.model.Invitation;
import org.neonmigrate.activities.neon.model.InvitationList;
import org.neonmigrate.activities.neon.model.InvitationRequest;
import org.neonmigrate.activities.neon.model.LimitsUnsatisfied;
import org.neonmigrate.activities.neon.model.MemberEntry;
import org.neonmigrate.activities.neon.model.MemberList;
import org.neonmigrate.activities.neon.model.NeonError;
import org.neonmigrate.activities.neon.model.NeonOrganization;
import org.neonmigrate.activities.neon.model.NeonOrganizationList;
import org.neonmigrate.activities.neon.model.NeonProject;
import org.neonmigrate.activities.neon.model.OrgApiKey;
import org.neonmigrate.activities.neon.model.OrgApiKeyRequest;
import org.neonmigrate.activities.neon.model.PermissionGrant;
import org.neonmigrate.activities.neon.model.ProjectListItem;
import org.neonmigrate.activities.neon.model.ProjectListPage;
import org.neonmigrate.activities.neon.model.ProjectPermission;
import org.neonmigrate.activities.neon.model.ProjectPermissionList;
import org.neonmigrate.activities.neon.model.ProjectResponse;
import org.neonmigrate.activities.neon.model.ProjectsWithIntegration;
import org.neonmigrate.activities.neon.model.TransferRequest;
import org.neonmigrate.workflows.NeonLimits;
import org.neonmigrate.workflows.activities.MigrationFailure;

/**
 * The Neon API as the activities use it: every call first takes a token from the rate budget
 * (heartbeating while it waits), and every failure is mapped by {@link NeonFailures}.
 */
@Singleton
public class NeonClient {

  /** More pages than this means the cursor is not advancing; stop rather than loop forever. */
  private static final int MAX_PAGES = 10_000;

  private final NeonApi api;
  private final NeonRateBudget budget;
  private final NeonApiConfiguration configuration;
  private final ObjectMapper json;
  private final ActivityMetrics metrics;
  private final Clock clock = Clock.systemUTC();
  private volatile AuthDetails auth;

  public NeonClient(
      NeonApi api,
      NeonRateBudget budget,
      NeonApiConfiguration configuration,
      ObjectMapper json,
      ActivityMetrics metrics) {
    this.api = api;
    this.metrics = metrics;
    this.budget = budget;
    this.configuration = configuration;
    this.json = json;
  }

  /**
   * The key's kind, read once per process: it cannot change for a key, and a revoked key still gets
   * 401 on every other call.
   */
  public AuthDetails auth() {
    AuthDetails known = auth;
    if (known != null) {
      return known;
    }
    String route = "GET /auth";
    AuthDetails details = body(route, false, exchange(route, api::auth));
    auth = details;
    return details;
  }

  /** Every org the key can see; an org-scoped key sees only its own. */
  public List<NeonOrganization> myOrganizations() {
    String route = "GET /users/me/organizations";
    NeonOrganizationList list = body(route, false, exchange(route, api::myOrganizations));
    if (list.organizations() == null) {
      throw ApplicationFailure.newBuilder()
          .setType(NeonFailures.MALFORMED)
          .setMessage(route + " answered without an organizations array; not taken as none")
          .build();
    }
    return list.organizations();
  }

  public NeonOrganization organization(String orgId) {
    String route = "GET /organizations/{org_id}";
    return body(route, true, exchange(route, () -> api.organization(orgId)));
  }

  public ProjectListPage projectPage(String orgId, int limit, String cursor) {
    String route = "GET /projects";
    ProjectListPage page =
        body(
            route,
            true,
            exchange(route, () -> api.projects(orgId, clampProjectLimit(limit), cursor)));
    requireComplete(page);
    return page;
  }

  /** Every project of the org, page by page (400 a page), heartbeating between pages. */
  public List<ProjectListItem> allProjects(String orgId) {
    List<ProjectListItem> projects = new ArrayList<>();
    for (ProjectListPage page : allProjectPages(orgId)) {
      projects.addAll(page.projects() == null ? List.of() : page.projects());
    }
    return projects;
  }

  /** Every page of the org's project list (with each page's integrations), as listed. */
  public List<ProjectListPage> allProjectPages(String orgId) {
    List<ProjectListPage> pages = new ArrayList<>();
    String cursor = null;
    for (int n = 0; n < MAX_PAGES; n++) {
      ProjectListPage page = projectPage(orgId, NeonLimits.PROJECTS_PER_PAGE, cursor);
      pages.add(page);
      String next = nextProjectCursor(page);
      if (next == null || next.equals(cursor)) {
        return pages;
      }
      cursor = next;
      ActivityHeartbeat.beat();
    }
    throw stuckPaging("GET /projects");
  }

  /** The cursor of the next page, or null when this page was the last. */
  public static String nextProjectCursor(ProjectListPage page) {
    boolean empty = page.projects() == null || page.projects().isEmpty();
    String cursor = page.pagination() == null ? null : page.pagination().cursor();
    return empty || cursor == null || cursor.isBlank() ? null : cursor;
  }

  /** The project, or empty when Neon answers 404. */
  public Optional<NeonProject> project(String projectId) {
    String route = "GET /projects/{project_id}";
    HttpResponse<ProjectResponse> response = exchange(route, () -> api.project(projectId));
    if (response.code() == 404) {
      return Optional.empty();
    }
    return Optional.ofNullable(body(route, false, response).project());
  }

  public EndpointList endpoints(String projectId) {
    String route = "GET /projects/{project_id}/endpoints";
    return body(route, false, exchange(route, () -> api.endpoints(projectId)));
  }

  /** One transfer POST; 404, 406, 422 and 423 come back as answers, everything else as failures. */
  public TransferAnswer transfer(String sourceOrgId, TransferRequest request) {
    String route = "POST /organizations/{source_org_id}/projects/transfer";
    HttpResponse<String> response = exchange(route, () -> api.transfer(sourceOrgId, request));
    int status = response.code();
    if (status >= 200 && status < 300) {
      return new TransferAnswer.Moved();
    }
    if (status == 406) {
      return new TransferAnswer.LimitsShort(
          readBody(response, LimitsUnsatisfied.class)
              .map(LimitsUnsatisfied::limits)
              .orElse(List.of()));
    }
    if (status == 404) {
      return new TransferAnswer.NotInSource();
    }
    if (status == 423) {
      return new TransferAnswer.Locked();
    }
    if (status == 422) {
      return new TransferAnswer.BlockedByIntegrations(
          readBody(response, ProjectsWithIntegration.class)
              .map(ProjectsWithIntegration::projects)
              .orElse(List.of()));
    }
    throw failure(route, true, response);
  }

  /** Every member of the org, following {@code pagination.next}. */
  public List<MemberEntry> allMembers(String orgId) {
    String route = "GET /organizations/{org_id}/members";
    List<MemberEntry> members = new ArrayList<>();
    String cursor = null;
    for (int pages = 0; pages < MAX_PAGES; pages++) {
      String current = cursor;
      MemberList page =
          body(
              route,
              true,
              exchange(route, () -> api.members(orgId, NeonLimits.MEMBERS_PER_PAGE, current)));
      List<MemberEntry> items = page.members() == null ? List.of() : page.members();
      members.addAll(items);
      String next = page.pagination() == null ? null : page.pagination().next();
      if (items.isEmpty() || next == null || next.isBlank() || next.equals(cursor)) {
        return members;
      }
      cursor = next;
      ActivityHeartbeat.beat();
    }
    throw stuckPaging(route);
  }

  public List<Invitation> invitations(String orgId) {
    String route = "GET /organizations/{org_id}/invitations";
    InvitationList list = body(route, true, exchange(route, () -> api.invitations(orgId)));
    return list.invitations() == null ? List.of() : list.invitations();
  }

  /** The invitations created; empty when Neon answers 409 (someone is already a member). */
  public Optional<List<Invitation>> invite(String orgId, InvitationRequest request) {
    String route = "POST /organizations/{org_id}/invitations";
    HttpResponse<InvitationList> response = exchange(route, () -> api.invite(orgId, request));
    if (response.code() == 409) {
      return Optional.empty();
    }
    InvitationList list = body(route, true, response);
    return Optional.of(list.invitations() == null ? List.of() : list.invitations());
  }

  public List<ProjectPermission> permissions(String projectId) {
    String route = "GET /projects/{project_id}/permissions";
    ProjectPermissionList list =
        body(route, false, exchange(route, () -> api.permissions(projectId)));
    return list.projectPermissions() == null ? List.of() : list.projectPermissions();
  }

  /** Grants access; false when Neon answers 409 (the email already has it). */
  public boolean grant(String projectId, String email) {
    String route = "POST /projects/{project_id}/permissions";
    HttpResponse<ProjectPermission> response =
        exchange(route, () -> api.grant(projectId, new PermissionGrant(email)));
    if (response.code() == 409) {
      return false;
    }
    body(route, false, response);
    return true;
  }

  public List<OrgApiKey> orgApiKeys(String orgId) {
    String route = "GET /organizations/{org_id}/api_keys";
    return body(route, true, exchange(route, () -> api.orgApiKeys(orgId)));
  }

  public CreatedOrgApiKey createOrgApiKey(String orgId, String keyName) {
    String route = "POST /organizations/{org_id}/api_keys";
    return body(
        route,
        true,
        exchange(route, () -> api.createOrgApiKey(orgId, new OrgApiKeyRequest(keyName))));
  }

  /**
   * Sends one request after taking a token from the budget. Error statuses come back as responses
   * (thrown or not, depending on Micronaut's rules) so that each caller decides what they mean.
   */
  @SuppressWarnings("unchecked")
  private <B> HttpResponse<B> exchange(String route, Supplier<HttpResponse<B>> request) {
    if (!configuration.hasKey()) {
      throw MigrationFailure.NeonAccessDenied.failure(
          "neon.api.key (NEON_API_KEY) is not configured on this worker");
    }
    // a lease or a slow answer can block for many seconds: the activity stays visibly alive
    return ActivityHeartbeat.keepingAlive(
        () -> {
          long waitFrom = System.nanoTime();
          budget.acquire(route, ActivityHeartbeat::beat);
          long sentAt = System.nanoTime();
          metrics.budgetWait(route, sentAt - waitFrom);
          try {
            HttpResponse<B> response = request.get();
            metrics.neonRequest(
                route, Integer.toString(response.code()), System.nanoTime() - sentAt);
            return response;
          } catch (HttpClientResponseException e) {
            // only its status, headers and raw text are read, never a typed body
            metrics.neonRequest(
                route, Integer.toString(e.getResponse().code()), System.nanoTime() - sentAt);
            return (HttpResponse<B>) e.getResponse();
          } catch (HttpClientException e) {
            metrics.neonRequest(route, "unanswered", System.nanoTime() - sentAt);
            throw NeonFailures.unreachable(route, e);
          }
        });
  }

  /** The body of a success; anything else becomes the mapped failure. */
  private <B> B body(String route, boolean orgScoped, HttpResponse<B> response) {
    int status = response.code();
    if (status < 200 || status >= 300) {
      throw failure(route, orgScoped, response);
    }
    return response
        .getBody()
        .orElseThrow(
            () ->
                ApplicationFailure.newBuilder()
                    .setType(NeonFailures.UNAVAILABLE)
                    .setMessage(route + " answered " + status + " without a body")
                    .build());
  }

  private ApplicationFailure failure(String route, boolean orgScoped, HttpResponse<?> response) {
    return NeonFailures.fromStatus(
        route,
        response.code(),
        orgScoped,
        readBody(response, NeonError.class).orElse(null),
        response.getHeaders().get(HttpHeaders.RETRY_AFTER),
        clock);
  }

  private <X> Optional<X> readBody(HttpResponse<?> response, Class<X> type) {
    Optional<String> text = response.getBody(String.class);
    if (text.isEmpty() || text.get().isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(json.readValue(text.get(), type));
    } catch (JsonProcessingException notJson) {
      // a proxy's HTML error page, say: the status alone still decides what happens
      return Optional.empty();
    }
  }

  private static int clampProjectLimit(int limit) {
    return Math.max(1, Math.min(NeonLimits.PROJECTS_PER_PAGE, limit));
  }

  /**
   * A page without its {@code projects} array (a proxy's {@code {}}, a changed API) or one that
   * timed out on some projects would make the org look smaller, even empty: neither is an answer.
   */
  private static void requireComplete(ProjectListPage page) {
    if (page.projects() == null) {
      throw ApplicationFailure.newBuilder()
          .setType(NeonFailures.MALFORMED)
          .setMessage("GET /projects answered without a projects array; not taken as empty")
          .build();
    }
    if (page.unavailableProjectIds() != null && !page.unavailableProjectIds().isEmpty()) {
      throw ApplicationFailure.newBuilder()
          .setType(NeonFailures.UNAVAILABLE)
          .setMessage(
              "GET /projects could not list "
                  + page.unavailableProjectIds().size()
                  + " project(s) in time; retrying for a complete answer")
          .build();
    }
  }

  private static ApplicationFailure stuckPaging(String route) {
    return ApplicationFailure.newBuilder()
        .setType(NeonFailures.REQUEST_REJECTED)
        .setMessage(route + ": more than " + MAX_PAGES + " pages; the cursor is not advancing")
        .setNonRetryable(true)
        .build();
  }
}
