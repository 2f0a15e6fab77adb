package org.neonmigrate.api.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.api.fleet.FleetPlanCsv;
import org.neonmigrate.workflows.fleet.FleetPlan;
import org.neonmigrate.workflows.fleet.FleetPlanRow;
import org.neonmigrate.workflows.migration.MigrationRequest;
import org.zalando.problem.ThrowableProblem;

/**
 * The CSV a fleet plan answers is what the batch CSV parser reads: the same rows come back, with
 * names ARM allows that need care (parentheses, periods, spaces, colons), and a row without a
 * destination is refused by name until it is filled in.
 */
@MicronautTest(environments = ApiApplication.ENVIRONMENT, startApplication = false)
class FleetPlanCsvRoundTripTest {

  @Inject BatchRows rows;

  @Test
  void thePlansCsvIsReadBackByTheBatchParserRowForRow() throws IOException {
    FleetPlan plan =
        plan(
            row("org-az-one", "org-nm-one", "rg-neon_prod.(eu)-1", "neon org: main", false),
            row("org-az-two", "org-nm-two", "RG.Two", "two.v2_x", true));

    List<MigrationRequest> read =
        rows.checkCsv(new StringReader(FleetPlanCsv.render(plan)), "UTF-8", "alice@example.com");

    assertThat(read).hasSize(2);
    for (int i = 0; i < read.size(); i++) {
      FleetPlanRow expected = plan.rows().get(i);
      MigrationRequest got = read.get(i);
      assertThat(got.sourceOrgId()).isEqualTo(expected.sourceOrgId());
      assertThat(got.destinationOrgId()).isEqualTo(expected.destinationOrgId());
      assertThat(got.azure().subscriptionId()).isEqualTo(expected.subscriptionId());
      assertThat(got.azure().resourceGroup()).isEqualTo(expected.resourceGroup());
      assertThat(got.azure().resourceName()).isEqualTo(expected.resourceName());
      assertThat(got.dryRun()).isEqualTo(expected.dryRun());
      assertThat(got.requestedBy()).isEqualTo("alice@example.com");
    }
  }

  @Test
  void aRowWithoutDestinationIsRefusedNamingItsRowAndColumn() {
    FleetPlan plan =
        plan(
            row("org-az-one", "org-nm-one", "rg", "one", true),
            row("org-az-two", "", "rg", "two", true));

    Throwable refused =
        catchThrowable(
            () ->
                rows.checkCsv(
                    new StringReader(FleetPlanCsv.render(plan)), "UTF-8", "alice@example.com"));

    assertThat(refused).isInstanceOf(ThrowableProblem.class);
    assertThat(((ThrowableProblem) refused).getDetail())
        .contains("row 2: destinationOrgId")
        .doesNotContain("row 1");
  }

  private static FleetPlan plan(FleetPlanRow... rows) {
    return new FleetPlan(
        "p1",
        List.of("6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"),
        "by-name",
        "alice@example.com",
        rows.length,
        List.of(rows),
        List.of());
  }

  private static FleetPlanRow row(
      String source, String destination, String group, String name, boolean dryRun) {
    return new FleetPlanRow(
        source,
        source.substring(7),
        destination,
        "6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
        group,
        name,
        1,
        1,
        "free",
        "free",
        true,
        List.of(),
        dryRun,
        List.of());
  }
}
