package org.neonmigrate.sandbox.neon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.neonmigrate.sandbox.SimulatorFixture;

class NeonTransferTest extends SimulatorFixture {

  private static Reply transfer(String source, String destination, List<String> ids) {
    return neon(
        "POST",
        "/organizations/" + source + "/projects/transfer",
        KEY,
        Map.of("destination_org_id", destination, "project_ids", ids));
  }

  private static List<String> projects(String orgId) {
    return sims.neon().state().projectIds(orgId);
  }

  @Test
  void aTransferMovesEveryProjectAtOnceAndKeepsEndpointHosts() {
    List<String> ids = projects(CONTOSO);
    List<String> hostsBefore =
        ids.stream()
            .flatMap(
                id ->
                    neonGet("/projects/" + id + "/endpoints")
                        .json()
                        .findValuesAsText("host")
                        .stream())
            .toList();

    Reply r = transfer(CONTOSO, CONTOSO_NM, ids);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().size()).isZero();
    assertThat(projects(CONTOSO)).isEmpty();
    assertThat(projects(CONTOSO_NM)).containsExactlyElementsOf(ids);
    assertThat(neonGet("/projects/" + ids.get(0)).json().at("/project/org_id").asText())
        .isEqualTo(CONTOSO_NM);
    List<String> hostsAfter =
        ids.stream()
            .flatMap(
                id ->
                    neonGet("/projects/" + id + "/endpoints")
                        .json()
                        .findValuesAsText("host")
                        .stream())
            .toList();
    assertThat(hostsAfter)
        .isEqualTo(hostsBefore)
        .allMatch(h -> h.matches("ep-[a-z]+-[a-z]+-\\d{6}\\..+\\.aws\\.neon\\.tech"));
  }

  @Test
  void projectCollaboratorsAreDroppedByATransfer() {
    String project =
        projects(CONTOSO).stream()
            .filter(id -> !sims.neon().state().permissions(id).isEmpty())
            .findFirst()
            .orElseThrow();
    assertThat(neonGet("/projects/" + project + "/permissions").json().get("project_permissions"))
        .isNotEmpty();

    transfer(CONTOSO, CONTOSO_NM, List.of(project));

    assertThat(neonGet("/projects/" + project + "/permissions").json().get("project_permissions"))
        .isEmpty();
  }

  @Test
  void aDestinationOnALowerPlanGets406SubscriptionTypeUntilUpgraded() {
    List<String> ids = projects(FABRIKAM);

    Reply refused = transfer(FABRIKAM, FABRIKAM_NM, ids);

    assertThat(refused.status()).isEqualTo(406);
    assertThat(refused.json().get("limits").get(0).get("name").asText())
        .isEqualTo("subscription_type");
    assertThat(refused.json().get("limits").get(0).get("expected").asText()).isEqualTo("scale");
    assertThat(refused.json().get("limits").get(0).get("actual").asText()).isEqualTo("free");
    assertThat(projects(FABRIKAM)).hasSize(12);

    admin("PUT", "/orgs/" + FABRIKAM_NM + "/plan", Map.of("plan", "scale"));
    assertThat(transfer(FABRIKAM, FABRIKAM_NM, ids).status()).isEqualTo(200);
  }

  @Test
  void aDestinationWithoutFreeProjectSlotsGets406ProjectsCount() {
    admin("POST", "/orgs/" + CONTOSO + "/projects", Map.of("count", 16));

    Reply refused = transfer(CONTOSO, CONTOSO_NM, projects(CONTOSO));

    assertThat(refused.status()).isEqualTo(406);
    assertThat(refused.json().get("limits").get(0).get("name").asText())
        .isEqualTo("projects_count");
    assertThat(refused.json().get("limits").get(0).get("expected").asText()).isEqualTo("20");
    assertThat(refused.json().get("limits").get(0).get("actual").asText()).isEqualTo("21");
    assertThat(projects(CONTOSO_NM)).isEmpty();
  }

  @Test
  void perPlanProjectLimitsCanBeChangedAtRuntime() {
    Reply changed =
        admin(
            "PUT",
            "/plans",
            Map.of(
                "tiers", List.of("free", "launch", "scale", "business"),
                "max_projects", Map.of("free", 3, "launch", 100, "scale", 1000, "business", 5000)));
    assertThat(changed.status()).isEqualTo(200);

    Reply refused = transfer(CONTOSO, CONTOSO_NM, projects(CONTOSO));

    assertThat(refused.status()).isEqualTo(406);
    assertThat(refused.json().at("/limits/0/expected").asText()).isEqualTo("3");
  }

  @Test
  void projectsWithIntegrationsBlockTheWholeRequestWith422() {
    List<String> ids = projects(TAILSPIN);
    String blocked =
        sims.neon().state().projects(TAILSPIN).stream()
            .filter(p -> !p.integrations().isEmpty())
            .findFirst()
            .orElseThrow()
            .id();

    Reply refused = transfer(TAILSPIN, TAILSPIN_NM, ids);

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().get("projects")).hasSize(1);
    assertThat(refused.json().get("projects").get(0).get("id").asText()).isEqualTo(blocked);
    assertThat(refused.json().get("projects").get(0).get("integration").asText())
        .isEqualTo("github");
    assertThat(projects(TAILSPIN)).hasSize(6);

    admin("DELETE", "/projects/" + blocked + "/integrations", null);
    assertThat(transfer(TAILSPIN, TAILSPIN_NM, ids).status()).isEqualTo(200);
  }

  @Test
  void aTransferNeedsOneTo400ProjectIds() {
    List<String> all = projects(NORTHWIND);

    assertThat(transfer(NORTHWIND, NORTHWIND_NM, List.of()).status()).isEqualTo(400);
    assertThat(transfer(NORTHWIND, NORTHWIND_NM, all.subList(0, 401)).status()).isEqualTo(400);
    assertThat(projects(NORTHWIND)).hasSize(450);
    assertThat(transfer(NORTHWIND, NORTHWIND_NM, all.subList(0, 400)).status()).isEqualTo(200);
    assertThat(transfer(NORTHWIND, NORTHWIND_NM, all.subList(400, 450)).status()).isEqualTo(200);
    assertThat(projects(NORTHWIND)).isEmpty();
  }

  @Test
  void theCallerMustBeAdminOfTheSource() {
    String memberKey = "member-key";
    NeonModel.User user =
        new NeonModel.User("22222222-2222-4222-8222-222222222222", "m@example.com", "M");
    sims.neon().state().putUser(user);
    sims.neon()
        .state()
        .putMember(
            new NeonModel.Membership(
                "33333333-3333-4333-8333-333333333333",
                user.id(),
                CONTOSO,
                "member",
                "2025-01-01T00:00:00Z"));
    sims.neon()
        .state()
        .putMember(
            new NeonModel.Membership(
                "44444444-4444-4444-8444-444444444444",
                user.id(),
                CONTOSO_NM,
                "admin",
                "2025-01-01T00:00:00Z"));
    sims.neon().state().newApiKey(memberKey, "personal", null, user.id(), null);

    Reply r =
        neon(
            "POST",
            "/organizations/" + CONTOSO + "/projects/transfer",
            memberKey,
            Map.of("destination_org_id", CONTOSO_NM, "project_ids", projects(CONTOSO)));

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().get("message").asText()).contains("admin");
  }

  @Test
  void aLostResponseStillMovesTheProjects() {
    sims.neon().faults().add(new Faults.OneShot(NeonApi.TRANSFER_ROUTE, 500, 1, Faults.When.AFTER));
    List<String> ids = projects(CONTOSO);

    Reply lost = transfer(CONTOSO, CONTOSO_NM, ids);
    Reply retried = transfer(CONTOSO, CONTOSO_NM, ids);

    assertThat(lost.status()).isEqualTo(500);
    assertThat(projects(CONTOSO_NM)).containsExactlyElementsOf(ids);
    assertThat(retried.status()).isEqualTo(404);
    assertThat(sims.neon().calls().count(NeonApi.TRANSFER_ROUTE, 500)).isEqualTo(1);
  }

  @Test
  void aBeforeFaultChangesNothing() {
    sims.neon()
        .faults()
        .add(new Faults.OneShot(NeonApi.TRANSFER_ROUTE, 503, 2, Faults.When.BEFORE));
    List<String> ids = projects(CONTOSO);

    List<Integer> statuses =
        IntStream.range(0, 3).mapToObj(i -> transfer(CONTOSO, CONTOSO_NM, ids).status()).toList();

    assertThat(statuses).containsExactly(503, 503, 200);
    assertThat(projects(CONTOSO_NM)).hasSize(5);
  }

  @Test
  void aSlowTransferKeepsItsProjectsInTheSourceAndLockedUntilItSettles() throws Exception {
    Reply pace =
        admin("PUT", "/faults/transfer-pace", Map.of("settle_ms", 1_500, "answer_after_ms", 0));
    List<String> ids = projects(CONTOSO);

    Reply accepted = transfer(CONTOSO, CONTOSO_NM, ids);
    List<String> stillInSource = projects(CONTOSO);
    Reply again = transfer(CONTOSO, CONTOSO_NM, ids);
    Thread.sleep(1_600);

    assertThat(pace.status()).isEqualTo(200);
    assertThat(pace.json().at("/transfer_pace/settle_ms").asLong()).isEqualTo(1_500);
    assertThat(accepted.status()).isEqualTo(200);
    assertThat(stillInSource).containsExactlyElementsOf(ids);
    assertThat(again.status()).isEqualTo(423);
    assertThat(again.json().get("code").asText()).isEqualTo("LOCKED");
    assertThat(projects(CONTOSO)).isEmpty();
    assertThat(projects(CONTOSO_NM)).containsExactlyElementsOf(ids);
  }

  @Test
  void aSlowTransferCanAnswerOnlyOnceItsProjectsHaveMoved() {
    sims.neon().faults().update(new Faults.TransferPace(800, 800));
    List<String> ids = projects(CONTOSO);

    long start = System.nanoTime();
    Reply r = transfer(CONTOSO, CONTOSO_NM, ids);
    long tookMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(r.status()).isEqualTo(200);
    assertThat(tookMs).isGreaterThanOrEqualTo(800);
    assertThat(projects(CONTOSO_NM)).containsExactlyElementsOf(ids);
  }

  @Test
  void clearingTheFaultsMakesTransfersImmediateAgain() {
    admin("PUT", "/faults/transfer-pace", Map.of("settle_ms", 60_000, "answer_after_ms", 0));
    assertThat(admin("PUT", "/faults/transfer-pace", Map.of("settle_ms", -1)).status())
        .isEqualTo(400);

    admin("DELETE", "/faults", null);
    Reply r = transfer(CONTOSO, CONTOSO_NM, projects(CONTOSO));

    assertThat(r.status()).isEqualTo(200);
    assertThat(projects(CONTOSO)).isEmpty();
    assertThat(admin("GET", "/faults", null).json().at("/transfer_pace/settle_ms").asLong())
        .isZero();
  }
}
