package org.neonmigrate.sandbox.neon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neonmigrate.sandbox.SimulatorFixture;

class NeonAccessRulesTest extends SimulatorFixture {

  private String createOrgKey(String orgId) {
    Reply created =
        neon("POST", "/organizations/" + orgId + "/api_keys", KEY, Map.of("key_name", "t"));
    assertThat(created.status()).isEqualTo(200);
    return created.json().get("key").asText();
  }

  @Test
  void aMissingOrUnknownKeyGets401WithAGeneralError() {
    Reply missing = neon("GET", "/users/me/organizations", null, null);
    Reply unknown = neon("GET", "/users/me/organizations", "nope", null);

    assertThat(missing.status()).isEqualTo(401);
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.json().get("message").asText()).isNotBlank();
    assertThat(unknown.json().has("code")).isTrue();
    assertThat(unknown.json().get("request_id").asText()).isEqualTo(unknown.header("x-request-id"));
  }

  @Test
  void theRequestIdFromTheCallerIsEchoed() {
    Reply r = send("GET", sims.neon().baseUrl() + "/auth", "bad", null, "req-123");

    assertThat(r.json().get("request_id").asText()).isEqualTo("req-123");
    assertThat(r.header("x-request-id")).isEqualTo("req-123");
  }

  @Test
  void aPersonalKeySeesEveryOrgOfItsUser() {
    Reply auth = neonGet("/auth");
    Reply orgs = neonGet("/users/me/organizations");

    assertThat(auth.json().get("auth_method").asText()).isEqualTo("api_key_user");
    assertThat(orgs.json().get("organizations").findValuesAsText("id"))
        .contains(CONTOSO, CONTOSO_NM, FABRIKAM, NORTHWIND_NM)
        // 4 demo orgs and their counterparts, and 2 of the fleet plan's strays (the third is
        // another user's org, which this key does not see)
        .hasSize(10);
  }

  @Test
  void anOrgKeyReachesOnlyItsOwnOrg() {
    String orgKey = createOrgKey(CONTOSO);

    assertThat(neon("GET", "/auth", orgKey, null).json().get("auth_method").asText())
        .isEqualTo("api_key_org");
    assertThat(
            neon("GET", "/users/me/organizations", orgKey, null)
                .json()
                .get("organizations")
                .findValuesAsText("id"))
        .containsExactly(CONTOSO);
    assertThat(neon("GET", "/projects", orgKey, null).json().get("projects")).hasSize(5);
    assertThat(neon("GET", "/organizations/" + FABRIKAM, orgKey, null).status()).isEqualTo(403);
    assertThat(neon("GET", "/projects?org_id=" + FABRIKAM, orgKey, null).status()).isEqualTo(403);
  }

  @Test
  void transferInvitationsAndKeyCreationNeedAPersonalKey() {
    String orgKey = createOrgKey(CONTOSO);
    String project = sims.neon().state().projectIds(CONTOSO).get(0);

    Reply transfer =
        neon(
            "POST",
            "/organizations/" + CONTOSO + "/projects/transfer",
            orgKey,
            Map.of("destination_org_id", CONTOSO_NM, "project_ids", List.of(project)));
    Reply invite =
        neon(
            "POST",
            "/organizations/" + CONTOSO + "/invitations",
            orgKey,
            Map.of("invitations", List.of(Map.of("email", "x@example.com", "role", "member"))));
    Reply key =
        neon("POST", "/organizations/" + CONTOSO + "/api_keys", orgKey, Map.of("key_name", "k"));

    assertThat(List.of(transfer.status(), invite.status(), key.status())).containsOnly(403);
    assertThat(transfer.json().get("message").asText()).contains("personal API key");
    assertThat(sims.neon().state().project(project).orElseThrow().orgId()).isEqualTo(CONTOSO);
  }

  @Test
  void orgKeysAreShownOnceListedWithoutTokensAndRevocable() {
    Reply created =
        neon("POST", "/organizations/" + CONTOSO + "/api_keys", KEY, Map.of("key_name", "new-key"));
    String token = created.json().get("key").asText();
    long id = created.json().get("id").asLong();

    Reply list = neonGet("/organizations/" + CONTOSO + "/api_keys");
    assertThat(list.json().findValuesAsText("name"))
        .contains("ci-deploy", "app-backend", "new-key");
    assertThat(list.raw().body()).doesNotContain(token).doesNotContain("\"key\"");

    Reply revoked = neon("DELETE", "/organizations/" + CONTOSO + "/api_keys/" + id, KEY, null);
    assertThat(revoked.json().get("revoked").asBoolean()).isTrue();
    assertThat(neon("GET", "/auth", token, null).status()).isEqualTo(401);
    assertThat(neonGet("/organizations/" + CONTOSO + "/api_keys").json().findValuesAsText("name"))
        .doesNotContain("new-key");
    assertThat(neon("DELETE", "/organizations/" + CONTOSO + "/api_keys/" + id, KEY, null).status())
        .isEqualTo(404);
  }

  @Test
  void invitingAKnownUserAddsThemAtOnceAndAStrangerStaysPending() {
    Reply r =
        neon(
            "POST",
            "/organizations/" + CONTOSO_NM + "/invitations",
            KEY,
            Map.of(
                "invitations",
                List.of(
                    Map.of("email", "dev1@contoso-free.example.com", "role", "member"),
                    Map.of("email", "stranger@elsewhere.example.com", "role", "viewer"))));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("invitations")).hasSize(2);
    Reply members = neonGet("/organizations/" + CONTOSO_NM + "/members?limit=500");
    List<String> emails = members.json().findValuesAsText("email");
    assertThat(emails).contains("dev1@contoso-free.example.com");
    assertThat(emails).doesNotContain("stranger@elsewhere.example.com");
    assertThat(neonGet("/organizations/" + CONTOSO_NM + "/invitations").json().get("invitations"))
        .hasSize(2);
  }

  @Test
  void invitingAnExistingMemberIsAConflict() {
    Reply r =
        neon(
            "POST",
            "/organizations/" + CONTOSO_NM + "/invitations",
            KEY,
            Map.of("invitations", List.of(Map.of("email", "admin@example.com", "role", "member"))));

    assertThat(r.status()).isEqualTo(409);
    assertThat(neonGet("/organizations/" + CONTOSO_NM + "/invitations").json().get("invitations"))
        .isEmpty();
  }

  @Test
  void projectCollaboratorsCanBeListedAndGranted() {
    String project = sims.neon().state().projectIds(CONTOSO).get(0);
    Reply granted =
        neon(
            "POST",
            "/projects/" + project + "/permissions",
            KEY,
            Map.of("email", "new@example.com"));
    Reply again =
        neon(
            "POST",
            "/projects/" + project + "/permissions",
            KEY,
            Map.of("email", "new@example.com"));

    assertThat(granted.status()).isEqualTo(200);
    assertThat(again.json().get("id")).isEqualTo(granted.json().get("id"));
    assertThat(
            neonGet("/projects/" + project + "/permissions")
                .json()
                .findValuesAsText("granted_to_email"))
        .contains("new@example.com");
  }
}
