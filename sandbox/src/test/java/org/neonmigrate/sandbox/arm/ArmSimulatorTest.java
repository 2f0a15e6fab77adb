package org.neonmigrate.sandbox.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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
  void deleteIsALongRunningOperationThatEndsByTheClock() throws InterruptedException {
    sims.arm().setLro(new ArmSimulator.LroSettings(1_500, 1));

    Reply accepted = send("DELETE", versioned("contoso-free"), TOKEN, null, null);

    assertThat(accepted.status()).isEqualTo(202);
    assertThat(accepted.header("Retry-After")).isEqualTo("1");
    String location = accepted.header("Location");
    assertThat(location).startsWith(sims.arm().baseUrl());
    // however often it is polled, it runs until its time is up
    List<Integer> early =
        List.of(
            send("GET", location, TOKEN, null, null).status(),
            send("GET", location, TOKEN, null, null).status(),
            send("GET", location, TOKEN, null, null).status());
    assertThat(early).containsOnly(202);
    assertThat(
            send("GET", versioned("contoso-free"), TOKEN, null, null)
                .json()
                .at("/properties/provisioningState")
                .asText())
        .isEqualTo("Deleting");
    Thread.sleep(1_600);
    assertThat(send("GET", location, TOKEN, null, null).status()).isEqualTo(200);
    assertThat(send("GET", versioned("contoso-free"), TOKEN, null, null).status()).isEqualTo(404);
    assertThat(send("DELETE", versioned("contoso-free"), TOKEN, null, null).status())
        .isEqualTo(204);
  }

  @Test
  void theLroShapeIsConfigurable() {
    Reply set =
        send(
            "PUT",
            sims.arm().baseUrl() + "/_sim/lro",
            null,
            Map.of("durationMillis", 0, "retryAfterSeconds", 12),
            null);
    Reply bad =
        send(
            "PUT",
            sims.arm().baseUrl() + "/_sim/lro",
            null,
            Map.of("pendingPolls", 0, "retryAfterSeconds", 3),
            null);

    Reply accepted = send("DELETE", versioned("contoso-free"), TOKEN, null, null);

    assertThat(set.status()).isEqualTo(200);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(accepted.header("Retry-After")).isEqualTo("12");
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

  // ---- as ARM answers the Azure SDK

  @Test
  void repeatedSlashesAndTheCaseOfLiteralSegmentsDoNotMatter() {
    String id =
        "/subscriptions/"
            + SandboxSeed.SUBSCRIPTION_ID
            + "/resourcegroups/"
            + SandboxSeed.RESOURCE_GROUP
            + "/providers/neon.postgres/organizations/contoso-free";
    // the SDK joins the endpoint and an id that starts with "/"
    Reply doubled =
        send(
            "GET",
            sims.arm().baseUrl() + "/" + id + "?api-version=" + ArmSimulator.API_VERSION,
            TOKEN,
            null,
            null);

    assertThat(doubled.status()).isEqualTo(200);
    assertThat(doubled.json().get("name").asText()).isEqualTo("contoso-free");
  }

  @Test
  void headSaysWhetherTheResourceExists() {
    Reply exists = send("HEAD", versioned("contoso-free"), TOKEN, null, null);
    Reply missing = send("HEAD", versioned("nope"), TOKEN, null, null);
    Reply unauthenticated = send("HEAD", versioned("contoso-free"), null, null, null);

    assertThat(exists.status()).isEqualTo(204);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.raw().body()).isEmpty();
    assertThat(unauthenticated.status()).isEqualTo(401);
    assertThat(exists.header("x-ms-request-id")).isNotBlank();
  }

  @Test
  void everyAnswerCarriesARequestId() {
    List<Reply> replies =
        List.of(
            send("GET", versioned("contoso-free"), TOKEN, null, null),
            send("GET", versioned("nope"), TOKEN, null, null),
            send("GET", versioned("contoso-free"), "wrong", null, null),
            send("GET", resource("contoso-free"), TOKEN, null, null),
            send("GET", sims.arm().baseUrl() + "/subscriptions/x/nothing", TOKEN, null, null),
            send("GET", sims.arm().baseUrl() + "/_sim/faults", null, null, null));

    assertThat(replies).extracting(Reply::status).containsExactly(200, 404, 401, 400, 404, 200);
    assertThat(replies).allSatisfy(r -> assertThat(r.header("x-ms-request-id")).isNotBlank());
    assertThat(replies.get(4).json().at("/error/code").asText()).isEqualTo("InvalidResourceType");
  }

  @Test
  void bothListsArePagedByNextLink() {
    Reply paging =
        send("PUT", sims.arm().baseUrl() + "/_sim/paging", null, Map.of("pageSize", 1), null);
    Reply badPaging =
        send("PUT", sims.arm().baseUrl() + "/_sim/paging", null, Map.of("pageSize", 0), null);
    assertThat(paging.status()).isEqualTo(200);
    assertThat(badPaging.status()).isEqualTo(400);
    assertThat(sims.arm().pageSize()).isEqualTo(1);
    String byGroup =
        sims.arm().baseUrl()
            + "/subscriptions/"
            + SandboxSeed.SUBSCRIPTION_ID
            + "/resourceGroups/"
            + SandboxSeed.RESOURCE_GROUP
            + "/providers/Neon.Postgres/organizations?api-version="
            + ArmSimulator.API_VERSION;
    String bySubscription =
        sims.arm().baseUrl()
            + "/subscriptions/"
            + SandboxSeed.SUBSCRIPTION_ID
            + "/providers/Neon.Postgres/organizations?api-version="
            + ArmSimulator.API_VERSION;

    List<String> inGroup = followPages(byGroup);
    List<String> inSubscription = followPages(bySubscription);

    assertThat(inGroup)
        .containsExactlyInAnyOrder(
            "contoso-free", "fabrikam-scale", "northwind-large", "tailspin-github");
    assertThat(inSubscription).containsExactlyElementsOf(inGroup);
    Reply first = send("GET", byGroup, TOKEN, null, null);
    assertThat(first.json().get("value")).hasSize(1);
    assertThat(first.json().at("/value/0/properties/partnerOrganizationProperties/organizationId"))
        .isNotNull();
  }

  @Test
  void aListOfAnUnknownGroupOrWithABadSkipTokenIsAClearError() {
    String unknownGroup =
        sims.arm().baseUrl()
            + "/subscriptions/"
            + SandboxSeed.SUBSCRIPTION_ID
            + "/resourceGroups/no-such-rg/providers/Neon.Postgres/organizations?api-version="
            + ArmSimulator.API_VERSION;
    String badToken =
        sims.arm().baseUrl()
            + "/subscriptions/"
            + SandboxSeed.SUBSCRIPTION_ID
            + "/providers/Neon.Postgres/organizations?api-version="
            + ArmSimulator.API_VERSION
            + "&$skipToken=not*base64!";

    assertThat(send("GET", unknownGroup, TOKEN, null, null).json().at("/error/code").asText())
        .isEqualTo("ResourceGroupNotFound");
    Reply bad = send("GET", badToken, TOKEN, null, null);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().at("/error/code").asText()).isEqualTo("InvalidSkipToken");
  }

  @Test
  void theProviderNamesTheApiVersionsOfOrganizations() {
    Reply provider =
        send(
            "GET",
            sims.arm().baseUrl()
                + "/subscriptions/"
                + SandboxSeed.SUBSCRIPTION_ID
                + "/providers/Neon.Postgres?api-version=2025-04-01",
            TOKEN,
            null,
            null);
    Reply unknownSubscription =
        send(
            "GET",
            sims.arm().baseUrl()
                + "/subscriptions/11111111-1111-4111-8111-111111111111"
                + "/providers/Neon.Postgres?api-version=2025-04-01",
            TOKEN,
            null,
            null);

    assertThat(provider.status()).isEqualTo(200);
    assertThat(provider.json().get("namespace").asText()).isEqualTo("Neon.Postgres");
    JsonNode organizations = provider.json().at("/resourceTypes/0");
    assertThat(organizations.get("resourceType").asText()).isEqualTo("organizations");
    assertThat(organizations.at("/apiVersions/0").asText()).isEqualTo(ArmSimulator.API_VERSION);
    assertThat(unknownSubscription.json().at("/error/code").asText())
        .isEqualTo("SubscriptionNotFound");
  }

  // ---- lost answers

  @Test
  void aLostDeleteAnswerStillStartsTheDeletion() {
    Reply set =
        send(
            "PUT", sims.arm().baseUrl() + "/_sim/faults", null, Map.of("loseResponses", 1.0), null);

    assertThatThrownBy(() -> send("DELETE", versioned("contoso-free"), TOKEN, null, null))
        .isInstanceOf(UncheckedIOException.class);

    assertThat(set.status()).isEqualTo(200);
    assertThat(
            send("GET", sims.arm().baseUrl() + "/_sim/faults", null, null, null)
                .json()
                .get("loseResponses")
                .asDouble())
        .isEqualTo(1.0);
    assertThat(sims.arm().state().deletions()).hasSize(1);
    assertThat(sims.neon().state().org(CONTOSO)).isEmpty();
    assertThat(
            send("GET", versioned("contoso-free"), TOKEN, null, null)
                .json()
                .at("/properties/provisioningState")
                .asText())
        .isEqualTo("Deleting");
    assertThat(sims.arm().calls().recent(10))
        .filteredOn(c -> c.method().equals("DELETE"))
        .singleElement()
        .satisfies(c -> assertThat(c.note()).contains("answer lost"));
  }

  @Test
  void theLossRateIsValidatedAndItsDiceAreSeeded() {
    Reply tooHigh =
        send(
            "PUT", sims.arm().baseUrl() + "/_sim/faults", null, Map.of("loseResponses", 1.5), null);
    assertThatThrownBy(() -> sims.arm().loseResponses(-0.1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sims.arm().loseResponses(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);

    sims.arm().loseResponses(0.5);
    sims.arm().reseedFaults(7);
    List<Boolean> first = lostPattern(12);
    sims.arm().reseedFaults(7);
    List<Boolean> second = lostPattern(12);

    assertThat(tooHigh.status()).isEqualTo(400);
    assertThat(first).isEqualTo(second).contains(true, false);
  }

  /** Which of {@code n} DELETEs of a resource that does not exist lost their answer. */
  private static List<Boolean> lostPattern(int n) {
    List<Boolean> lost = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      try {
        send("DELETE", versioned("nope"), TOKEN, null, null);
        lost.add(false);
      } catch (UncheckedIOException e) {
        lost.add(true);
      }
    }
    return lost;
  }

  private static List<String> followPages(String url) {
    List<String> names = new ArrayList<>();
    String next = url;
    int pages = 0;
    while (next != null) {
      Reply page = send("GET", next, TOKEN, null, null);
      assertThat(page.status()).isEqualTo(200);
      page.json().get("value").forEach(r -> names.add(r.get("name").asText()));
      next = page.json().hasNonNull("nextLink") ? page.json().get("nextLink").asText() : null;
      assertThat(++pages).as("pages").isLessThan(20);
    }
    return names;
  }
}
