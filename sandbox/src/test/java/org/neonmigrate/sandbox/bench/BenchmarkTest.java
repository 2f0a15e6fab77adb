package org.neonmigrate.sandbox.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the real harness (worker as a separate process) on a tiny batch and reads its last line. */
class BenchmarkTest {

  @Test
  void aTinyBatchPrintsSaneFiguresAsTheLastLine() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int exit;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      exit =
          BenchMain.run(
              "--orgs",
              "3",
              "--projects",
              "2",
              "--members",
              "3",
              "--rate",
              "200",
              "--worker-heap-mb",
              "256");
    } finally {
      System.setOut(original);
    }
    List<String> lines = captured.toString(StandardCharsets.UTF_8).strip().lines().toList();
    JsonNode figures = new ObjectMapper().readTree(lines.get(lines.size() - 1));

    assertThat(exit).isZero();
    for (String field :
        List.of(
            "orgs",
            "elapsed_s",
            "api_calls",
            "calls_per_org",
            "min_calls_per_org",
            "floor_s",
            "efficiency",
            "http_429",
            "failed",
            "max_history_events_per_org",
            "worker_peak_rss_mb")) {
      assertThat(figures.has(field)).as(field).isTrue();
    }
    assertThat(figures.get("orgs").asInt()).isEqualTo(3);
    assertThat(figures.get("failed").asInt()).isZero();
    assertThat(figures.get("elapsed_s").asDouble()).isPositive();
    assertThat(figures.get("calls_per_org").asDouble())
        .isGreaterThanOrEqualTo(figures.get("min_calls_per_org").asDouble());
    // 2 projects, 3 members (one to invite), 2 collaborator grants on project 1: 21 calls
    assertThat(figures.get("min_calls_per_org").asDouble()).isEqualTo(21.0);
    assertThat(figures.get("max_history_events_per_org").asLong()).isPositive();
    assertThat(figures.get("worker_peak_rss_mb").asDouble()).isPositive();
  }

  @Test
  void theMinimumFollowsTheDocumentedFormula() {
    // 5 projects, 3 source members, 2 destination members, 2 grants, someone to invite
    assertThat(MinimumCalls.perOrg(5, 3, 2, 2, true)).isEqualTo(30);
    // 450 projects need two pages and two transfers; nobody to invite, no grants
    assertThat(MinimumCalls.perOrg(450, 2, 2, 0, false))
        .isEqualTo(2 + 2 + 900 + 2 + 1 + 1 + 2 + 2 + 450 + 3);
  }
}
