package org.neonmigrate.workflows.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.neonmigrate.workflows.migration.AzureResource;
import org.neonmigrate.workflows.migration.MigrationRequest;
import org.neonmigrate.workflows.migration.Step;

/**
 * Payloads are limited to 2 MB. Measured with the SDK's default converter (JDK 17): a realistic
 * migration is ~370 bytes as a request and ~150 carried as a {@link PendingMigration}; a realistic
 * finished row ~215 bytes. The largest carried state is the one where every org has started: ~1.1
 * MB for 5,000 orgs, ~2.2 MB for 10,000 (over the limit, hence {@link BatchRequest#MAX_TOTAL}).
 */
class BatchPayloadSizeTest {
  private static final DataConverter converter = DefaultDataConverter.newDefaultInstance();
  private static final int TWO_MB = 2 * 1024 * 1024;

  @Test
  void aFullPageFitsEasilyInTheStartInputAndInAnUpdate() {
    List<MigrationRequest> page = requests(0, BatchRequest.MAX_PAGE_SIZE);
    BatchRequest first =
        new BatchRequest(
            "partner-2025-06",
            page,
            BatchRequest.MAX_TOTAL,
            20,
            "ops@partner.example",
            null,
            null,
            "sha256:" + "0".repeat(64),
            null);

    assertThat(size(first)).isLessThan(TWO_MB / 4);
    assertThat(size(new BatchPage(2, page))).isLessThan(TWO_MB / 4);
  }

  @Test
  void theCarriedStateOfTheLargestBatchStaysWellUnderTheLimitAtEveryPoint() {
    int largest = worstCarriedState(BatchRequest.MAX_TOTAL);

    // All 5,000 started is the worst point: ~1.1 MB.
    assertThat(largest).isLessThan(1_250_000);
  }

  @Test
  void tenThousandOrgsWouldNotFitEvenWithTheirTextsShortened() {
    List<OrgOutcome> rows = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      rows.add(finishedRow(i));
    }

    int asTheyAre = size(report(rows));
    int shortened = size(report(OrgOutcome.fitting(rows)));
    System.out.printf("10,000 rows: %,d bytes, shortened %,d bytes%n", asTheyAre, shortened);

    assertThat(asTheyAre).isGreaterThan(2_000_000);
    assertThat(shortened).isGreaterThan((int) OrgOutcome.ROWS_BUDGET_BYTES);
  }

  @Test
  void unusuallyLongTextsAreShortenedSoTheLargestReportStillFits() {
    List<OrgOutcome> rows = new ArrayList<>();
    for (int i = 0; i < BatchRequest.MAX_TOTAL; i++) {
      String id = ("org-" + i + "-").concat("x".repeat(60)).substring(0, 60);
      rows.add(
          OrgOutcome.starting(id)
              .withProgress(
                  new ChildProgress(
                      id,
                      Step.FAILED,
                      null,
                      1_000,
                      400,
                      "plan-upgrade " + "a".repeat(200),
                      "VerificationFailed: " + "b".repeat(300),
                      true),
                  "2025-06-01T09:00:00Z")
              .asAdopted());
    }

    List<OrgOutcome> fitted = OrgOutcome.fitting(rows);
    int size = size(report(fitted));
    System.out.printf("5,000 worst-case rows, shortened: %,d bytes%n", size);

    assertThat(size(report(rows))).isGreaterThan(TWO_MB);
    assertThat(size).isLessThan(TWO_MB * 3 / 4);
    assertThat(fitted).allSatisfy(row -> assertThat(row.error()).isNotEmpty());
    assertThat(fitted).allSatisfy(row -> assertThat(row.succeeded()).isFalse());
  }

  @Test
  void aRowsEstimateIsNeverBelowItsSerializedSize() {
    OrgOutcome full =
        OrgOutcome.starting("org-" + "q".repeat(56))
            .withProgress(
                new ChildProgress(
                    "org-q",
                    Step.AZURE_DELETION,
                    "azure-deletion",
                    Integer.MAX_VALUE,
                    Integer.MAX_VALUE,
                    "gate \"quoted\" é",
                    "line\nbreak…",
                    false),
                "2025-06-01T09:00:00Z")
            .asAdopted();

    for (OrgOutcome row : List.of(full, finishedRow(1), OrgOutcome.notStarted("org-1"))) {
      int json = converter.toPayload(row).orElseThrow().getData().size();
      assertThat(row.estimatedBytes()).as("%s", row).isGreaterThanOrEqualTo(json);
    }
  }

  @Test
  void aPendingMigrationTravelsAsACompactArrayAndComesBackUnchanged() {
    MigrationRequest request =
        new MigrationRequest(
            "org-a", "org-b", new AzureResource("sub", "rg", "name"), true, null, true, 90, null);
    PendingMigration pending = PendingMigration.of(request);

    String json = new String(converter.toPayload(pending).orElseThrow().getData().toByteArray());
    PendingMigration back =
        converter.fromPayload(
            converter.toPayload(pending).orElseThrow(),
            PendingMigration.class,
            PendingMigration.class);

    assertThat(json).isEqualTo("[\"org-a\",\"org-b\",\"sub\",\"rg\",\"name\",3,90]");
    assertThat(back.toRequest()).isEqualTo(request);
  }

  /** The largest continue-as-new input of a batch of {@code orgs}, every page received. */
  private static int worstCarriedState(int orgs) {
    List<MigrationRequest> requests = requests(0, orgs);
    Map<Integer, Integer> pages = new TreeMap<>();
    for (int page = 1; page <= (orgs + 999) / 1000; page++) {
      pages.put(page, 1000);
    }
    int largest = 0;
    for (int started = 0; started <= orgs; started += orgs / 4) {
      List<OrgOutcome> rows = new ArrayList<>();
      for (int i = 0; i < started; i++) {
        rows.add(i % 10 == 0 ? failedRow(i) : finishedRow(i));
      }
      List<PendingMigration> pending =
          requests.subList(started, orgs).stream().map(PendingMigration::of).toList();
      BatchRequest carried =
          new BatchRequest("partner-2025-06", null, "ops@partner.example")
              .nextRun(
                  new BatchState(OrgOutcome.fitting(rows), pending, pages, null, null, 7, orgs));
      int size = size(carried);
      System.out.printf("%,d orgs, %,d started: carried %,d bytes%n", orgs, started, size);
      largest = Math.max(largest, size);
    }
    return largest;
  }

  private static List<MigrationRequest> requests(int from, int to) {
    List<MigrationRequest> requests = new ArrayList<>();
    for (int i = from; i < to; i++) {
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
    return requests;
  }

  private static BatchReport report(List<OrgOutcome> rows) {
    return new BatchReport("partner-2025-06", "ops", rows.size(), 0, 0, 0, rows);
  }

  private static OrgOutcome failedRow(int i) {
    return finishedRow(i)
        .closed(
            Step.FAILED,
            "VerificationFailed: project "
                + longId(i)
                + " missing in the destination after transfer");
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
