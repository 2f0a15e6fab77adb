package org.neonmigrate.sandbox.arm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neonmigrate.sandbox.SimulatorFixture;
import org.neonmigrate.sandbox.seed.SandboxSeed;

class ArmSimulatorTest extends SimulatorFixture {
  private static final String TOKEN = ArmSimulator.DEFAULT_TOKEN;

  private static String resource(String name) {
    return sims.arm().baseUrl()
        + "/subscriptions/"
        + SandboxSeed.SUBSCRIPTION_ID
        + "/resourceGroups/"
        + SandboxSeed.RESOURCE_GROUP
        + "/providers/Neon.Postgres/organizations/"
        + name;
  }

  private static String versioned(String name) {
    return resource(name) + "?api-version=" + ArmSimulator.API_VERSION;
  }

  @Test
  void getReturnsTheOrganizationResourceLinkedToTheNeonOrg() {
    Reply r = send("GET", versioned("contoso-free"), TOKEN, null, null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("type").asText()).isEqualTo("Neon.Postgres/organizations");
    assertThat(r.json().get("name").asText()).isEqualTo("contoso-free");
    assertThat(r.json().get("id").asText())
        .endsWith("/providers/Neon.Postgres/organizations/contoso-free");
    assertThat(r.json().at("/properties/partnerOrganizationProperties/organizationId").asText())
        .isEqualTo(CONTOSO);
    assertThat(r.json().at("/properties/provisioningState").asText()).isEqualTo("Succeeded");
  }

  @Test
  void aMissingOrWrongTokenGets401() {
    Reply none = send("GET", versioned("contoso-free"), null, null, null);
    Reply wrong = send("GET", versioned("contoso-free"), "other", null, null);

    assertThat(none.status()).isEqualTo(401);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.json().at("/error/code").asText()).isEqualTo("InvalidAuthenticationToken");
  }

  @Test
  void aMissingOrUnsupportedApiVersionGets400() {
    Reply missing = send("GET", resource("contoso-free"), TOKEN, null, null);
    Reply old =
        send(
            "DELETE",
            resource("contoso-free") + "?api-version=2024-08-01-preview",
            TOKEN,
            null,
            null);

    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().at("/error/code").asText()).isEqualTo("MissingApiVersionParameter");
    assertThat(old.status()).isEqualTo(400);
    assertThat(old.json().at("/error/code").asText()).isEqualTo("InvalidApiVersionParameter");
    assertThat(sims.neon().state().org(CONTOSO)).isPresent();
  }

  @Test
  void anUnknownResourceIs404AndDeletingItIs204() {
    Reply get = send("GET", versioned("nope"), TOKEN, null, null);
    Reply delete = send("DELETE", versioned("nope"), TOKEN, null, null);

    assertThat(get.status()).isEqualTo(404);
    assertThat(get.json().at("/error/code").asText()).isEqualTo("ResourceNotFound");
    assertThat(delete.status()).isEqualTo(204);
  }

  @Test
  void deleteIsALongRunningOperationPolledThroughLocation() {
    Reply accepted = send("DELETE", versioned("contoso-free"), TOKEN, null, null);

    assertThat(accepted.status()).isEqualTo(202);
    assertThat(accepted.header("Retry-After")).isEqualTo("1");
    String location = accepted.header("Location");
    assertThat(location).startsWith(sims.arm().baseUrl());
    List<Integer> polls =
        List.of(
            send("GET", location, TOKEN, null, null).status(),
            send("GET", location, TOKEN, null, null).status(),
            send("GET", location, TOKEN, null, null).status());
    assertThat(polls).containsExactly(202, 202, 200);
    assertThat(send("GET", versioned("contoso-free"), TOKEN, null, null).status()).isEqualTo(404);
    assertThat(send("DELETE", versioned("contoso-free"), TOKEN, null, null).status())
        .isEqualTo(204);
  }

  @Test
  void theLroShapeIsConfigurable() {
    send(
        "PUT",
        sims.arm().baseUrl() + "/_sim/lro",
        null,
        Map.of("pendingPolls", 0, "retryAfterSeconds", 3),
        null);

    Reply accepted = send("DELETE", versioned("contoso-free"), TOKEN, null, null);

    assertThat(accepted.header("Retry-After")).isEqualTo("3");
    assertThat(send("GET", accepted.header("Location"), TOKEN, null, null).status()).isEqualTo(200);
    assertThat(
            send("GET", sims.arm().baseUrl() + "/_sim/lro", null, null, null)
                .json()
                .get("totalPolls")
                .asInt())
        .isEqualTo(1);
  }

  @Test
  void deletingTheResourceDestroysTheNeonOrgAndEveryProjectInIt() {
    List<String> projects = sims.neon().state().projectIds(CONTOSO);

    send("DELETE", versioned("contoso-free"), TOKEN, null, null);

    assertThat(sims.neon().state().org(CONTOSO)).isEmpty();
    assertThat(projects).allMatch(id -> sims.neon().state().project(id).isEmpty());
    assertThat(neonGet("/projects/" + projects.get(0)).status()).isEqualTo(404);
    assertThat(sims.neon().state().org(CONTOSO_NM)).isPresent();
    Reply deletions = send("GET", sims.arm().baseUrl() + "/_sim/deletions", null, null, null);
    assertThat(deletions.json().get(0).get("projectsInOrg").asInt()).isEqualTo(5);
    Reply calls = send("GET", sims.arm().baseUrl() + "/_sim/calls", null, null, null);
    assertThat(calls.json().at("/recent/0/projectsInOrg").asInt()).isEqualTo(5);
  }

  @Test
  void aDeleteAfterTheTransferRecordsZeroProjects() {
    neon(
        "POST",
        "/organizations/" + CONTOSO + "/projects/transfer",
        KEY,
        Map.of(
            "destination_org_id",
            CONTOSO_NM,
            "project_ids",
            sims.neon().state().projectIds(CONTOSO)));

    send("DELETE", versioned("contoso-free"), TOKEN, null, null);

    assertThat(sims.arm().state().deletions())
        .singleElement()
        .extracting(ArmState.Deletion::projectsInOrg)
        .isEqualTo(0);
    assertThat(sims.neon().state().projectIds(CONTOSO_NM)).hasSize(5);
    assertThat(sims.arm().calls().count("DELETE " + ArmSimulator.RESOURCE_TEMPLATE, 202))
        .isEqualTo(1);
  }
}
