package org.neonmigrate.sandbox.neon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neonmigrate.sandbox.SimulatorFixture;

class NeonAdminTest extends SimulatorFixture {

  @Test
  void examplesGiveAReadyMigrationInputPerAzureOrg() {
    Reply examples = admin("GET", "/examples", null);

    assertThat(examples.json()).hasSize(4);
    assertThat(examples.json().get(0).get("sourceOrgId").asText()).isEqualTo(CONTOSO);
    assertThat(examples.json().get(0).get("destinationOrgId").asText()).isEqualTo(CONTOSO_NM);
    assertThat(examples.json().get(0).at("/azure/resourceName").asText()).isEqualTo("contoso-free");
    assertThat(examples.json().get(0).get("dryRun").asBoolean()).isFalse();
    assertThat(examples.json().get(0).get("requestedBy").asText()).isNotBlank();
  }

  @Test
  void oneExampleIsServedAloneSoAShellNeedsNoJqToPickIt() {
    Reply contoso = admin("GET", "/examples/" + CONTOSO, null);
    Reply all = admin("GET", "/examples", null);

    assertThat(contoso.status()).isEqualTo(200);
    assertThat(contoso.json()).isEqualTo(all.json().get(0));
    assertThat(admin("GET", "/examples/org-nope", null).status()).isEqualTo(404);
  }

  @Test
  void orgAndProjectStateCanBeInspected() {
    Reply orgs = admin("GET", "/orgs", null);
    Reply detail = admin("GET", "/orgs/" + CONTOSO, null);
    String project = detail.json().at("/projects/0/project/id").asText();
    Reply view = admin("GET", "/projects/" + project, null);

    // 4 demo orgs and their counterparts, and the fleet plan's 3 stray orgs
    assertThat(orgs.json()).hasSize(11);
    assertThat(detail.json().get("projects")).hasSize(5);
    assertThat(detail.json().get("members")).hasSize(5);
    assertThat(detail.json().get("api_keys")).hasSize(2);
    assertThat(detail.raw().body()).doesNotContain("napi_");
    assertThat(view.json().at("/project/org_id").asText()).isEqualTo(CONTOSO);
    assertThat(view.json().get("endpoints")).isNotEmpty();
    assertThat(admin("GET", "/orgs/org-nope", null).status()).isEqualTo(404);
  }

  @Test
  void seedingReplacesTheStateAndResetRestoresTheStartupData() {
    Reply seeded = admin("POST", "/seed", Map.of("orgs", 2, "projects", 7, "members", 3));

    assertThat(seeded.json()).hasSize(2);
    assertThat(sims.neon().state().org(CONTOSO)).isEmpty();
    assertThat(sims.neon().state().projectCount("org-az-synthetic-0001")).isEqualTo(7);

    admin("PUT", "/faults", Map.of("error500", 1.0));
    Reply reset = admin("POST", "/reset", null);

    assertThat(reset.json()).hasSize(4);
    assertThat(neonGet("/organizations/" + CONTOSO).status()).isEqualTo(200);
  }

  @Test
  void badAdminInputIsA400() {
    assertThat(admin("PUT", "/orgs/" + CONTOSO + "/plan", Map.of("plan", "platinum")).status())
        .isEqualTo(400);
    assertThat(admin("PUT", "/faults", Map.of("error500", 3)).status()).isEqualTo(400);
    assertThat(admin("PUT", "/rate-limits", "{not json").status()).isEqualTo(400);
    assertThat(admin("GET", "/nothing-here", null).status()).isEqualTo(404);
  }
}
