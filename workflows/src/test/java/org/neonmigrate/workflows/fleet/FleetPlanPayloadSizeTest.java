package org.neonmigrate.workflows.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.converter.DefaultDataConverter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neonmigrate.workflows.migration.BlockedProject;

/**
 * Why a plan is paged: 5,000 rows with long notes and a few blockers do not fit in one payload
 * (Temporal refuses more than 2 MB), while a page of them stays far below it.
 */
class FleetPlanPayloadSizeTest {

  private static final int TWO_MB = 2 * 1024 * 1024;

  @Test
  void aPageOfTheLargestPlanIsASmallPayloadWhereTheWholePlanIsNot() {
    List<FleetPlanRow> rows = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      rows.add(row(i));
    }

    int whole = bytes(rows);
    int page = bytes(FleetPlanPages.slice(rows, 4500, FleetPlanPages.MAX_PAGE));
    int asked = FleetPlanPages.slice(rows, 0, 100_000).size();

    assertThat(whole).isGreaterThan(TWO_MB);
    assertThat(page).isLessThan(TWO_MB / 4);
    assertThat(asked).as("a page is capped whatever is asked").isEqualTo(FleetPlanPages.MAX_PAGE);
  }

  private static int bytes(Object value) {
    return DefaultDataConverter.STANDARD_INSTANCE
        .toPayload(value)
        .orElseThrow()
        .getSerializedSize();
  }

  private static FleetPlanRow row(int i) {
    String id = "org-az-%05d-a-rather-long-organization-id".formatted(i);
    return new FleetPlanRow(
        id,
        "organization name " + i,
        "org-nm-%05d-a-rather-long-organization-id".formatted(i),
        "6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
        "a-resource-group-with-a-long-name-" + i,
        "resource-" + i,
        1200,
        40,
        "business",
        "scale",
        false,
        List.of(
            new BlockedProject("project-" + i + "-1", "app one", List.of("github", "vercel")),
            new BlockedProject("project-" + i + "-2", "app two", List.of("github"))),
        true,
        List.of(
            "destination plan scale is below source plan business: upgrade organization "
                + id
                + " to business or higher in the Neon Console (Billing, Change plan), then"
                + " approve the plan-upgrade gate",
            "2 project(s) have integrations that block a transfer: remove them, then approve"
                + " gate blockers-resolved"));
  }
}
