package org.neonmigrate.sandbox.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neonmigrate.sandbox.temporal.TemporalCli;

/**
 * The {@code loadtest} command, smaller: 20 readers for 20 s on the REST API while a batch of 200
 * orgs runs on the CLI's dev server with the worker as a separate process. It prints the figures
 * (latency per endpoint and answers by status) and asserts only what a user relies on: no read
 * answered 5xx, went unanswered or answered a wrong body, every kind of read was answered, and the
 * batch completed with its last progress saying so. Timings are printed, not asserted.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class LoadTestIT {

  @Test
  void readersDuringABatchGetNoServerErrorAndTheBatchCompletes() throws Exception {
    Optional<Path> cli = TemporalCli.find(Optional.empty());
    assumeTrue(
        cli.isPresent(),
        "no temporal CLI found (looked in "
            + TemporalCli.searched(System.getenv())
            + "), so the API under load on the real server is not tested here; .ci/run installs it");
    LoadOptions options =
        LoadOptions.parse(
            "--orgs", "200", "--clients", "20", "--duration-s", "20", "--temporal", "cli");

    ObjectNode figures = LoadTestMain.measure(options, System.out);
    System.out.println("[loadtest] figures: " + figures);

    assertThat(figures.path("http_5xx").asLong()).as(figures.toString()).isZero();
    assertThat(figures.path("unanswered").asLong()).as(figures.toString()).isZero();
    assertThat(figures.path("unexpected_bodies").asLong()).as(figures.toString()).isZero();
    for (Map.Entry<String, JsonNode> endpoint : iterable(figures.path("endpoints"))) {
      assertThat(endpoint.getValue().path("by_status").path("200").asLong())
          .as(endpoint.getKey() + " answered 200 at least once: " + figures)
          .isPositive();
    }
    assertThat(figures.path("batch_completed").asBoolean()).as(figures.toString()).isTrue();
    JsonNode last = figures.path("final_progress");
    assertThat(last.path("finished").asInt()).as(figures.toString()).isEqualTo(200);
    assertThat(last.path("completed").asInt()).isEqualTo(200);
    assertThat(last.path("stale").asBoolean(true)).as("a closed batch's answer is final").isFalse();
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
    return object::fields;
  }
}
