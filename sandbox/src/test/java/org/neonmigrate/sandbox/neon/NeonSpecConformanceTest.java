package org.neonmigrate.sandbox.neon;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neonmigrate.sandbox.SimulatorFixture;

/** Every route's real request/response pair, checked against Neon's published OpenAPI spec. */
class NeonSpecConformanceTest extends SimulatorFixture {
  private static OpenApiInteractionValidator validator;
  private static final TreeSet<String> covered = new TreeSet<>();

  @BeforeAll
  static void loadSpec() {
    Path spec =
        Path.of(
            System.getProperty(
                "neon.openapi.spec", "../../shared/reference/neon-api-v2-api-client-2.7.3.yaml"));
    assertThat(Files.isRegularFile(spec))
        .as(
            "Neon OpenAPI spec not found at %s; set -Dneon.openapi.spec=<path to"
                + " neon-api-v2-api-client-2.7.3.yaml>",
            spec.toAbsolutePath())
        .isTrue();
    validator =
        OpenApiInteractionValidator.createForSpecificationUrl(
                spec.toAbsolutePath().toUri().toString())
            // the spec's server URL carries /api/v2; the simulator serves the same prefix
            .withBasePathOverride("/api/v2")
            // the list responses are allOf compositions; merge them so each part's properties
            // count as known instead of "additional" to the other parts
            .withResolveCombinators(true)
            .build();
  }

  @AfterAll
  static void everyRouteWasChecked() {
    assertThat(covered)
        .containsAll(
            List.of(
                "GET /auth",
                "GET /users/me/organizations",
                "GET /organizations/{org_id}",
                "GET /projects",
                "GET /projects/{project_id}",
                "GET /projects/{project_id}/endpoints",
                NeonApi.TRANSFER_ROUTE,
                "GET /organizations/{org_id}/members",
                "GET /organizations/{org_id}/invitations",
                "POST /organizations/{org_id}/invitations",
                "GET /projects/{project_id}/permissions",
                "POST /projects/{project_id}/permissions",
                "GET /organizations/{org_id}/api_keys",
                "POST /organizations/{org_id}/api_keys",
                "DELETE /organizations/{org_id}/api_keys/{key_id}"));
  }

  /** Calls the simulator, validates the pair, and returns the reply. */
  private static Reply checked(String method, String pathAndQuery, String key, Object body) {
    return checked(method, pathAndQuery, key, body, true);
  }

  /** For requests the spec itself forbids: only the error response is checked. */
  private static Reply checkedBadRequest(String method, String pathAndQuery) {
    return checked(method, pathAndQuery, KEY, null, false);
  }

  private static Reply checked(
      String method, String pathAndQuery, String key, Object body, boolean requestIsValid) {
    Reply reply = neon(method, pathAndQuery, key, body);
    URI uri = URI.create("http://x/api/v2" + pathAndQuery);
    SimpleRequest.Builder request =
        new SimpleRequest.Builder(Request.Method.valueOf(method), uri.getPath());
    if (key != null) {
      request.withHeader("Authorization", "Bearer " + key);
    }
    if (uri.getQuery() != null) {
      for (String pair : uri.getQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        request.withQueryParam(kv[0], kv.length > 1 ? kv[1] : "");
      }
    }
    if (body != null) {
      try {
        request.withContentType("application/json").withBody(JSON.writeValueAsString(body));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    SimpleResponse.Builder response = SimpleResponse.Builder.status(reply.status());
    if (reply.raw().body() != null && !reply.raw().body().isEmpty()) {
      response.withContentType("application/json").withBody(reply.raw().body());
    }
    ValidationReport report =
        requestIsValid
            ? validator.validate(request.build(), response.build())
            : validator.validateResponse(
                uri.getPath(), Request.Method.valueOf(method), response.build());
    assertThat(report.getMessages())
        .as("%s %s -> %d %s", method, pathAndQuery, reply.status(), reply.raw().body())
        .isEmpty();
    List<String> routes = new ArrayList<>();
    sims.neon().calls().recent(1).forEach(c -> routes.add(c.route()));
    covered.addAll(routes);
    return reply;
  }

  @Test
  void identityRoutesMatchTheSpec() {
    checked("GET", "/auth", KEY, null);
    checked("GET", "/auth", "unknown-key", null);
    checked("GET", "/users/me/organizations", KEY, null);
    checked("GET", "/organizations/" + CONTOSO, KEY, null);
    checked("GET", "/organizations/org-missing", KEY, null);
  }

  @Test
  void projectRoutesMatchTheSpec() {
    Reply page = checked("GET", "/projects?org_id=" + TAILSPIN + "&limit=3", KEY, null);
    String cursor = page.json().at("/pagination/cursor").asText();
    checked("GET", "/projects?org_id=" + TAILSPIN + "&limit=400&cursor=" + cursor, KEY, null);
    assertThat(checkedBadRequest("GET", "/projects?org_id=" + TAILSPIN + "&limit=401").status())
        .isEqualTo(400);
    String project = sims.neon().state().projectIds(CONTOSO).get(0);
    checked("GET", "/projects/" + project, KEY, null);
    checked("GET", "/projects/" + project + "/endpoints", KEY, null);
    checked("GET", "/projects/" + project + "/permissions", KEY, null);
    checked("POST", "/projects/" + project + "/permissions", KEY, Map.of("email", "x@example.com"));
  }

  @Test
  void transferRoutesMatchTheSpecForEveryOutcome() {
    checked(
        "POST",
        "/organizations/" + FABRIKAM + "/projects/transfer",
        KEY,
        Map.of(
            "destination_org_id",
            FABRIKAM_NM,
            "project_ids",
            sims.neon().state().projectIds(FABRIKAM)));
    checked(
        "POST",
        "/organizations/" + TAILSPIN + "/projects/transfer",
        KEY,
        Map.of(
            "destination_org_id",
            TAILSPIN_NM,
            "project_ids",
            sims.neon().state().projectIds(TAILSPIN)));
    Reply ok =
        checked(
            "POST",
            "/organizations/" + CONTOSO + "/projects/transfer",
            KEY,
            Map.of(
                "destination_org_id",
                CONTOSO_NM,
                "project_ids",
                sims.neon().state().projectIds(CONTOSO)));
    assertThat(ok.status()).isEqualTo(200);
  }

  @Test
  void aTransferLockedByOneStillMovingIsAGeneralErrorAsTheSpecSays() {
    sims.neon().faults().update(new Faults.TransferPace(60_000, 0));
    Map<String, Object> body =
        Map.of(
            "destination_org_id",
            CONTOSO_NM,
            "project_ids",
            sims.neon().state().projectIds(CONTOSO));
    String path = "/organizations/" + CONTOSO + "/projects/transfer";

    assertThat(checked("POST", path, KEY, body).status()).isEqualTo(200);
    assertThat(checked("POST", path, KEY, body).status()).isEqualTo(423);
  }

  @Test
  void memberInvitationAndKeyRoutesMatchTheSpec() {
    Reply members =
        checked(
            "GET",
            "/organizations/" + CONTOSO + "/members?limit=2&sort_by=email&sort_order=asc",
            KEY,
            null);
    checked(
        "GET",
        "/organizations/"
            + CONTOSO
            + "/members?limit=2&cursor="
            + members.json().at("/pagination/next").asText(),
        KEY,
        null);
    checked(
        "POST",
        "/organizations/" + CONTOSO_NM + "/invitations",
        KEY,
        Map.of(
            "invitations",
            List.of(
                Map.of("email", "dev1@contoso-free.example.com", "role", "member"),
                Map.of("email", "new@example.com", "role", "member"))));
    checked("GET", "/organizations/" + CONTOSO_NM + "/invitations", KEY, null);
    Reply created =
        checked(
            "POST", "/organizations/" + CONTOSO + "/api_keys", KEY, Map.of("key_name", "spec-key"));
    checked("GET", "/organizations/" + CONTOSO + "/api_keys", KEY, null);
    checked(
        "DELETE",
        "/organizations/" + CONTOSO + "/api_keys/" + created.json().get("id").asLong(),
        KEY,
        null);
  }

  @Test
  void throttledAndFaultedResponsesMatchTheSpec() {
    sims.neon().faults().add(new Faults.OneShot("GET /auth", 503, 1, Faults.When.BEFORE));
    checked("GET", "/auth", KEY, null);
    sims.neon().rateLimits().update(new RateLimits.Settings(700, 1));
    checked("GET", "/users/me/organizations", KEY, null);
    Reply limited = checked("GET", "/users/me/organizations", KEY, null);
    assertThat(limited.status()).isEqualTo(429);
  }
}
