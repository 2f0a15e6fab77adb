package org.neonmigrate.activities.neon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.neonmigrate.activities.ActivityHeartbeat;
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
import org.neonmigrate.activities.neon.model.NeonProject;
import org.neonmigrate.activities.neon.model.OrgApiKey;
import org.neonmigrate.activities.neon.model.OrgApiKeyRequest;
import org.neonmigrate.activities.neon.model.PermissionGrant;
import org.neonmigrate.activities.neon.model.ProjectListItem;
import org.neonmigrate.activities.neon.model.ProjectListPage;
import org.neonmigrate.activities.neon.model.ProjectPermission;
import org.neonmigrate.activities.neon.model.ProjectResponse;
import org.neonmigrate.activities.neon.model.ProjectsWithIntegration;
import org.neonmigrate.activities.neon.model.TransferRequest;
import org.neonmigrate.workflows.activities.MigrationFailure;

/**
 * The Neon API as the activities use it: every call first takes a token from the rate budget
 * (heartbeating while it waits), and every failure is mapped by {@link NeonFailures}.
 */
@Singleton
public class NeonClient {

  /** Neon's page-size maximum for {@code GET /projects}. */
  public static final int MAX_PROJECT_PAGE = 400;

  /** Neon's page-size maximum for the members list. */
  public static final int MAX_MEMBER_PAGE = 500;

  /** More pages than this means the cursor is not advancing; stop rather than loop forever. */
  private static final int MAX_PAGES = 10_000;

  private final NeonApi api;
  private final NeonRateBudget budget;
  private final NeonApiConfiguration configuration;
  private final ObjectMapper json;
  private final Clock clock = Clock.systemUTC();

  public NeonClient(
      NeonApi api, NeonRateBudget budget, NeonApiConfiguration configuration, ObjectMapper json) {
    this.api = api;
    this.budget = budget;
    this.configuration = configuration;
    this.json = json;
  }

  public AuthDetails auth() {
    return call("GET /auth", false, api::auth);
  }

  public NeonOrganization organization(String orgId) {
    return call("GET /organizations/{org_id}", true, () -> api.organization(orgId));
  }

  public ProjectListPage projectPage(String orgId, int limit, String cursor) {
    ProjectListPage page =
        call("GET /projects", true, () -> api.projects(orgId, clampProjectLimit(limit), cursor));
    requireComplete(page);
    return page;
  }

  /** Like {@link #projectPage}, but empty when Neon answers 404 for the org (it is gone). */
  public Optional<ProjectListPage> projectPageIfOrgExists(String orgId, int limit) {
    Optional<ProjectListPage> page =
        callOr(
            "GET /projects",
            true,
            () -> Optional.of(api.projects(orgId, clampProjectLimit(limit), null)),
            e -> e.getStatus().getCode() == 404 ? Optional.of(Optional.empty()) : Optional.empty());
    page.ifPresent(NeonClient::requireComplete);
    return page;
  }

  /** Every project of the org, page by page (400 a page), heartbeating between pages. */
  public List<ProjectListItem> allProjects(String orgId) {
    List<ProjectListItem> projects = new ArrayList<>();
    String cursor = null;
    for (int pages = 0; pages < MAX_PAGES; pages++) {
      ProjectListPage page = projectPage(orgId, MAX_PROJECT_PAGE, cursor);
      List<ProjectListItem> items = page.projects() == null ? List.of() : page.projects();
      projects.addAll(items);
      String next = nextProjectCursor(page);
      if (next == null || next.equals(cursor)) {
        return projects;
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
    return callOr(
        "GET /projects/{project_id}",
        false,
        () -> Optional.ofNullable(api.project(projectId)).map(ProjectResponse::project),
        e -> e.getStatus().getCode() == 404 ? Optional.of(Optional.empty()) : Optional.empty());
  }

  public EndpointList endpoints(String projectId) {
    return call("GET /projects/{project_id}/endpoints", false, () -> api.endpoints(projectId));
  }

  /** One transfer POST; 406 and 422 come back as answers, everything else as failures. */
  public TransferAnswer transfer(String sourceOrgId, TransferRequest request) {
    return callOr(
        "POST /organizations/{source_org_id}/projects/transfer",
        true,
        () -> {
          api.transfer(sourceOrgId, request);
          return new TransferAnswer.Moved();
        },
        e -> {
          int status = e.getStatus().getCode();
          if (status == 406) {
            return Optional.of(
                new TransferAnswer.LimitsShort(
                    readBody(e, LimitsUnsatisfied.class)
                        .map(LimitsUnsatisfied::limits)
                        .orElse(List.of())));
          }
          if (status == 422) {
            return Optional.of(
                new TransferAnswer.BlockedByIntegrations(
                    readBody(e, ProjectsWithIntegration.class)
                        .map(ProjectsWithIntegration::projects)
                        .orElse(List.of())));
          }
          return Optional.empty();
        });
  }

  /** Every member of the org, following {@code pagination.next}. */
  public List<MemberEntry> allMembers(String orgId) {
    List<MemberEntry> members = new ArrayList<>();
    String cursor = null;
    for (int pages = 0; pages < MAX_PAGES; pages++) {
      String current = cursor;
      MemberList page =
          call(
              "GET /organizations/{org_id}/members",
              true,
              () -> api.members(orgId, MAX_MEMBER_PAGE, current));
      List<MemberEntry> items = page.members() == null ? List.of() : page.members();
      members.addAll(items);
      String next = page.pagination() == null ? null : page.pagination().next();
      if (items.isEmpty() || next == null || next.isBlank() || next.equals(cursor)) {
        return members;
      }
      cursor = next;
      ActivityHeartbeat.beat();
    }
    throw stuckPaging("GET /organizations/{org_id}/members");
  }

  public List<Invitation> invitations(String orgId) {
    InvitationList list =
        call("GET /organizations/{org_id}/invitations", true, () -> api.invitations(orgId));
    return list == null || list.invitations() == null ? List.of() : list.invitations();
  }

  public List<Invitation> invite(String orgId, InvitationRequest request) {
    InvitationList list =
        call("POST /organizations/{org_id}/invitations", true, () -> api.invite(orgId, request));
    return list == null || list.invitations() == null ? List.of() : list.invitations();
  }

  public List<ProjectPermission> permissions(String projectId) {
    var list =
        call("GET /projects/{project_id}/permissions", false, () -> api.permissions(projectId));
    return list == null || list.projectPermissions() == null
        ? List.of()
        : list.projectPermissions();
  }

  /** Grants access; false when Neon answers 409 (the email already has it). */
  public boolean grant(String projectId, String email) {
    return callOr(
        "POST /projects/{project_id}/permissions",
        false,
        () -> {
          api.grant(projectId, new PermissionGrant(email));
          return true;
        },
        e -> e.getStatus().getCode() == 409 ? Optional.of(false) : Optional.empty());
  }

  public List<OrgApiKey> orgApiKeys(String orgId) {
    List<OrgApiKey> keys =
        call("GET /organizations/{org_id}/api_keys", true, () -> api.orgApiKeys(orgId));
    return keys == null ? List.of() : keys;
  }

  public CreatedOrgApiKey createOrgApiKey(String orgId, String keyName) {
    return call(
        "POST /organizations/{org_id}/api_keys",
        true,
        () -> api.createOrgApiKey(orgId, new OrgApiKeyRequest(keyName)));
  }

  private <T> T call(String route, boolean orgScoped, Supplier<T> request) {
    return callOr(route, orgScoped, request, e -> Optional.empty());
  }

  /**
   * Sends one request. {@code onError} may turn an error answer into a result (e.g. 404 into
   * "absent"); what it leaves alone is mapped by {@link NeonFailures}.
   */
  private <T> T callOr(
      String route,
      boolean orgScoped,
      Supplier<T> request,
      Function<HttpClientResponseException, Optional<T>> onError) {
    if (!configuration.hasKey()) {
      throw MigrationFailure.NeonAccessDenied.failure(
          "neon.api.key (NEON_API_KEY) is not configured on this worker");
    }
    budget.acquire(route, ActivityHeartbeat::beat);
    try {
      return request.get();
    } catch (HttpClientResponseException e) {
      Optional<T> handled = onError.apply(e);
      if (handled.isPresent()) {
        return handled.get();
      }
      throw NeonFailures.fromStatus(
          route,
          e.getStatus().getCode(),
          orgScoped,
          readBody(e, NeonError.class).orElse(null),
          e.getResponse().getHeaders().get(HttpHeaders.RETRY_AFTER),
          clock);
    } catch (HttpClientException e) {
      throw NeonFailures.unreachable(route, e);
    }
  }

  private <B> Optional<B> readBody(HttpClientResponseException e, Class<B> type) {
    Optional<String> text = e.getResponse().getBody(String.class);
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
    return Math.max(1, Math.min(MAX_PROJECT_PAGE, limit));
  }

  /** A page that timed out on some projects would make the org look smaller than it is. */
  private static void requireComplete(ProjectListPage page) {
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
