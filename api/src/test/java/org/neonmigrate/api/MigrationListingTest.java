package org.neonmigrate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The embedded test server has no advanced visibility, so this exercises the fallback listing. */
@MicronautTest(environments = ApiApplication.ENVIRONMENT)
class MigrationListingTest extends ApiTestBase {

  @Test
  void theListCanBeFilteredByStepOnAServerWithoutAdvancedVisibility() {
    String held = newOrgId("held");
    String waiting = newOrgId("waiting");
    start(held, Http.OPERATOR);
    start(waiting, Http.OPERATOR);
    awaitStep(waiting, "AZURE_DELETION");
    awaitStep(held, "DISCOVER");

    List<Map<String, Object>> discovering = list("/migrations?step=DISCOVER");
    List<Map<String, Object>> awaitingDeletion = list("/migrations?step=azure_deletion");
    List<Map<String, Object>> all = list("/migrations");

    assertThat(ids(discovering)).contains(held).doesNotContain(waiting);
    assertThat(ids(awaitingDeletion)).contains(waiting).doesNotContain(held);
    assertThat(ids(all)).contains(held, waiting);
    Map<String, Object> entry =
        all.stream().filter(m -> waiting.equals(m.get("id"))).findFirst().orElseThrow();
    assertThat(entry)
        .containsEntry("workflowId", "org-migration-" + waiting)
        .containsEntry("executionStatus", "RUNNING")
        .containsEntry("step", "AZURE_DELETION");
    assertThat((String) entry.get("startTime")).isNotBlank();
  }

  @Test
  void closedRunsAreListedWithTheirFinalStep() {
    String org = newOrgId("listed-done");
    start(org, Http.OPERATOR);
    awaitStep(org, "AZURE_DELETION");
    http.post(
        "/migrations/" + org + "/rejections",
        Map.of("gate", "azure-deletion", "reason", "not now"),
        Http.APPROVER);
    awaitStep(org, "CANCELLED");

    List<Map<String, Object>> cancelled = awaitListed("/migrations?step=CANCELLED", org);

    Map<String, Object> entry =
        cancelled.stream().filter(m -> org.equals(m.get("id"))).findFirst().orElseThrow();
    assertThat(entry).containsEntry("executionStatus", "COMPLETED");
    assertThat((String) entry.get("closeTime")).isNotBlank();
  }

  @Test
  void anEmptyResultIsAnEmptyList() {
    Http.Answer answer = http.get("/migrations?step=PLAN_UPGRADE", Http.VIEWER);

    assertThat(answer.json()).containsEntry("migrations", List.of());
  }

  private List<Map<String, Object>> awaitListed(String path, String org) {
    List<Map<String, Object>> found = List.of();
    for (int i = 0; i < 100 && !ids(found).contains(org); i++) {
      found = list(path);
      sleep(100);
    }
    return found;
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> list(String path) {
    Http.Answer answer = http.get(path, Http.VIEWER);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return (List<Map<String, Object>>) answer.json().get("migrations");
  }

  private static List<Object> ids(List<Map<String, Object>> entries) {
    return entries.stream().map(m -> m.get("id")).toList();
  }
}
