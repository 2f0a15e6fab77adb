package org.neonmigrate.sandbox.neon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neonmigrate.sandbox.SimulatorFixture;

class NeonListingTest extends SimulatorFixture {

  @Test
  void projectsPageWithTheCursorOverMoreThan400Projects() {
    List<String> seen = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String cursor = null;
    while (true) {
      Reply page =
          neonGet(
              "/projects?org_id="
                  + NORTHWIND
                  + "&limit=400"
                  + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).isEqualTo(200);
      JsonNode projects = page.json().get("projects");
      pageSizes.add(projects.size());
      if (projects.isEmpty()) {
        break;
      }
      projects.forEach(p -> seen.add(p.get("id").asText()));
      assertThat(page.json().has("applications")).isTrue();
      assertThat(page.json().has("integrations")).isTrue();
      cursor = page.json().at("/pagination/cursor").asText();
    }

    assertThat(pageSizes).containsExactly(400, 50, 0);
    assertThat(new HashSet<>(seen)).hasSize(450);
    assertThat(neonGet("/projects?org_id=" + NORTHWIND).json().get("projects")).hasSize(10);
  }

  @Test
  void theIntegrationsMapNamesBlockedProjects() {
    Reply page = neonGet("/projects?org_id=" + TAILSPIN + "&limit=100");

    assertThat(page.json().get("integrations").size()).isEqualTo(1);
    assertThat(page.json().get("integrations").elements().next().get(0).asText())
        .isEqualTo("github");
  }

  @Test
  void projectPageLimitsOutside1To400AreRejected() {
    assertThat(neonGet("/projects?org_id=" + NORTHWIND + "&limit=0").status()).isEqualTo(400);
    assertThat(neonGet("/projects?org_id=" + NORTHWIND + "&limit=401").status()).isEqualTo(400);
    assertThat(neonGet("/projects").status()).isEqualTo(400);
  }

  @Test
  void membersPageWithPaginationNext() {
    List<String> emails = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Reply page =
          neonGet(
              "/organizations/"
                  + CONTOSO
                  + "/members?limit=2&sort_by=email&sort_order=asc"
                  + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).isEqualTo(200);
      page.json().get("members").forEach(m -> emails.add(m.at("/user/email").asText()));
      cursor =
          page.json().at("/pagination/next").isMissingNode()
              ? null
              : page.json().at("/pagination/next").asText();
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    assertThat(emails).hasSize(5).isSorted();
    assertThat(neonGet("/organizations/" + CONTOSO + "/members?limit=501").status()).isEqualTo(400);
    assertThat(neonGet("/organizations/" + CONTOSO + "/members?sort_by=name").status())
        .isEqualTo(400);
  }

  @Test
  void theCounterpartAlreadyHasTheSourceAdmins() {
    List<String> admins = new ArrayList<>();
    neonGet("/organizations/" + FABRIKAM_NM + "/members")
        .json()
        .get("members")
        .forEach(
            m -> admins.add(m.at("/member/role").asText() + ":" + m.at("/user/email").asText()));

    assertThat(admins)
        .containsExactlyInAnyOrder(
            "admin:admin@example.com", "admin:ops@fabrikam-scale.example.com");
  }

  @Test
  void orgsShowWhoManagesThem() {
    assertThat(neonGet("/organizations/" + CONTOSO).json().get("managed_by").asText())
        .isEqualTo("azure");
    assertThat(neonGet("/organizations/" + CONTOSO_NM).json().get("managed_by").asText())
        .isEqualTo("console");
    assertThat(neonGet("/organizations/" + CONTOSO_NM).json().get("name").asText())
        .isEqualTo("neon-managed-contoso-free");
    assertThat(neonGet("/organizations/org-missing").status()).isEqualTo(404);
  }
}
