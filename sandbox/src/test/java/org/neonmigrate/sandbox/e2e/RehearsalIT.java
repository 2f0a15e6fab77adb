package org.neonmigrate.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neonmigrate.sandbox.rehearse.Rehearsal;
import org.neonmigrate.sandbox.rehearse.RehearseOptions;
import org.neonmigrate.sandbox.temporal.TemporalCli;

/**
 * A small rehearsal, as README tells operators to run before production: one batch through the REST
 * API on the CLI's dev server with the shipped worker jar as separate processes, workers SIGKILLed
 * every 20 s, the dev server SIGKILLed once, a tenth of the calls that change state losing their
 * answer after taking effect, a tenth of Neon's answers 5xx or 429. The simulators' state must show
 * every org migrated with nothing lost and nothing done twice, and nothing may outlive the run.
 */
@Timeout(value = 9, unit = TimeUnit.MINUTES)
class RehearsalIT {

  @Test
  void aBatchUnderKillsLostAnswersAndErrorsEndsWithNothingLostOrDoneTwice() throws Exception {
    Optional<Path> cli = TemporalCli.find(Optional.empty());
    assumeTrue(
        cli.isPresent(),
        "no temporal CLI found (looked in "
            + TemporalCli.searched(System.getenv())
            + "), so the rehearsal on the real server is not run here; .ci/run installs it");
    Path dir = Path.of("target", "rehearsal-it").toAbsolutePath();
    clean(dir);
    String workerJar = System.getProperty("worker.jar");
    assertThat(workerJar).as("worker.jar (set by failsafe)").isNotNull();

    RehearseOptions options =
        RehearseOptions.parse(
            "--orgs", "20",
            "--concurrency", "10",
            "--workers", "2",
            "--kill-worker-every", "20s",
            "--restart-temporal-at", "30s",
            "--lose-responses", "0.1",
            "--neon-errors", "0.1",
            "--latency-ms", "40",
            "--temporal", "cli",
            "--worker-jar", workerJar,
            "--dir", dir.toString(),
            "--deadline", "7m");
    ObjectNode result = Rehearsal.run(options, System.err);
    System.out.println("[rehearsal] " + result);

    assertThat(result.path("completed").asInt()).as(result.toString()).isEqualTo(20);
    assertThat(result.path("clean").asBoolean()).as(result.toString()).isTrue();
    assertThat(result.path("projectsInDestination").asInt()).isEqualTo(60);
    assertThat(result.path("workerKills").asInt()).as("workers killed").isPositive();
    assertThat(result.path("temporalRestarts").asInt()).as("dev server restarts").isEqualTo(1);
    assertThat(result.path("neonAnswersLost").asInt()).as("Neon answers lost").isPositive();
    assertThat(result.path("neonErrorsInjected").asInt()).as("Neon errors").isPositive();
    assertThat(result.path("armDeletions").asInt()).isGreaterThanOrEqualTo(20);
    assertThat(leftovers(dir)).as("processes left behind").isEmpty();
  }

  private static List<String> leftovers(Path dir) throws IOException, InterruptedException {
    Process pgrep = new ProcessBuilder("pgrep", "-f", "-a", dir.toString()).start();
    String out = new String(pgrep.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    pgrep.waitFor(10, TimeUnit.SECONDS);
    List<String> found = new ArrayList<>();
    out.lines().filter(l -> !l.isBlank()).forEach(found::add);
    return found;
  }

  private static void clean(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
