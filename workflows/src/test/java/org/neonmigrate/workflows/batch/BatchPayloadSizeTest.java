package org.neonmigrate.workflows.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neonmigrate.workflows.migration.AzureResource;
import org.neonmigrate.workflows.migration.MigrationRequest;
import org.neonmigrate.workflows.migration.Step;

/** Payloads are limited to 2 MB; the largest batch must fit with room to spare. */
class BatchPayloadSizeTest {
  private static final DataConverter converter = DefaultDataConverter.newDefaultInstance();
  private static final int ORGS = BatchRequest.MAX_MIGRATIONS;
  private static final int TWO_MB = 2 * 1024 * 1024;

  @Test
  void reportRowsStayFarBelowThePayloadLimit() {
    List<OrgOutcome> rows = new ArrayList<>();
    for (int i = 0; i < 2 * ORGS; i++) {
      rows.add(
          i % 10 == 0
              ? finishedRow(i)
                  .closed(
                      Step.FAILED,
                      "VerificationFailed: project "
                          + longId(i)
                          + " missing in the destination after transfer")
              : finishedRow(i));
    }
    BatchReport fiveThousand = new BatchReport("partner-2025-06", "ops", 2 * ORGS, 0, 0, 0, rows);
    BatchReport largest =
        new BatchReport("partner-2025-06", "ops", ORGS, 0, 0, 0, rows.subList(0, ORGS));

    // ~215 bytes a row (every tenth with an error): ~0.55 MB for 2,500, ~1.1 MB for 5,000.
    assertThat(size(largest)).isLessThan(600 * 1024);
    assertThat(size(fiveThousand)).isLessThan(TWO_MB * 2 / 3);
  }

  @Test
  void theLargestContinueAsNewInputIsTheFirstOneAndFitsInOnePayload() {
    List<MigrationRequest> requests = new ArrayList<>();
    for (int i = 0; i < ORGS; i++) {
      requests.add(
          new MigrationRequest(
              longId(i),
              "org-neon-managed-" + i + "-a1b2c3d4",
              new AzureResource(
                  "0b1f6471-1bf0-4dda-aec3-cb9272f09590", "rg-neon-prod-westeurope", "neon-" + i),
              false,
              "ops@partner.example",
              false,
              null,
              "partner-2025-06"));
    }
    BatchRequest first = new BatchRequest("partner-2025-06", requests, "ops@partner.example");
    // Half-way: each start swaps a ~370-byte request for a ~215-byte row, so it only shrinks.
    List<OrgOutcome> halfRows = new ArrayList<>();
    for (int i = 0; i < ORGS / 2; i++) {
      halfRows.add(finishedRow(i));
    }
    BatchRequest halfWay =
        first.nextRun(
            requests.subList(ORGS / 2, ORGS), new BatchState(halfRows, null, null, 7, ORGS));

    assertThat(size(first)).isLessThan(TWO_MB / 2);
    assertThat(size(halfWay)).isLessThan(size(first));
  }

  private static OrgOutcome finishedRow(int i) {
    return OrgOutcome.starting(longId(i))
        .withProgress(
            new ChildProgress(
                longId(i),
                Step.COMPLETED,
                null,
                12,
                0,
                "azure-deletion alice.example@partner.example 2025-06-01T10:00:00Z",
                null,
                true),
            "2025-06-01T09:00:00Z");
  }

  private static String longId(int i) {
    return "org-quiet-meadow-" + (10_000_000 + i);
  }

  private static int size(Object value) {
    return converter.toPayload(value).orElseThrow().getSerializedSize();
  }
}
