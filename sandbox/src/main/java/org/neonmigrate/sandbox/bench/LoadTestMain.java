package org.neonmigrate.sandbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import org.neonmigrate.sandbox.SandboxOptions;

/**
 * {@code java -jar neonmigrate-sandbox.jar loadtest ...}: reads the REST API with many clients
 * while a bench batch runs, then prints the figures (a table on stderr, one JSON line on stdout).
 */
public final class LoadTestMain {
  private LoadTestMain() {}

  /** Runs with the arguments after {@code loadtest}; answers the process exit code. */
  public static int run(String... args) {
    LoadOptions options;
    try {
      options = LoadOptions.parse(args);
    } catch (SandboxOptions.BadFlag e) {
      System.err.println("error: " + e.getMessage());
      System.err.print(LoadOptions.USAGE);
      return 2;
    }
    if (options.help()) {
      System.out.print(LoadOptions.USAGE);
      return 0;
    }
    ObjectNode figures;
    try {
      figures = measure(options, System.err);
      System.out.println(new ObjectMapper().writeValueAsString(figures));
      System.out.flush();
    } catch (IOException e) {
      System.err.println("error: " + e);
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    return passed(figures) ? 0 : 1;
  }

  /** Runs the batch with the readers on it; answers the figures, also printed as a table. */
  public static ObjectNode measure(LoadOptions options, PrintStream progressOut)
      throws IOException, InterruptedException {
    if (options.temporalFallback() != null) {
      progressOut.println("[loadtest] " + options.temporalFallback());
    }
    ReadLoad load =
        new ReadLoad(options.clients(), Duration.ofSeconds(options.durationS()), progressOut);
    BenchFigures bench = null;
    String batchError = null;
    try {
      bench = new Benchmark(options.bench(), progressOut, load).run();
    } catch (IOException | RuntimeException e) {
      batchError = e.toString();
      progressOut.println("[loadtest] the batch did not complete: " + e);
    }
    ObjectNode figures = load.figures(options, bench, batchError);
    printTable(figures, progressOut);
    return figures;
  }

  /** What a user relies on: every read answered, none with a 5xx, and the batch completed. */
  static boolean passed(JsonNode figures) {
    return figures.path("requests").asLong() > 0
        && figures.path("http_5xx").asLong() == 0
        && figures.path("unanswered").asLong() == 0
        && figures.path("unexpected_bodies").asLong() == 0
        && figures.path("batch_completed").asBoolean();
  }

  static void printTable(JsonNode f, PrintStream out) {
    out.printf(
        "[loadtest] figures: %d orgs, %d clients, %d s%s: %d requests (%.1f/s)%n",
        f.path("orgs").asInt(),
        f.path("clients").asInt(),
        f.path("duration_s").asInt(),
        f.path("temporal").asText().isEmpty() ? "" : " on " + f.path("temporal").asText(),
        f.path("requests").asLong(),
        f.path("requests_per_s").asDouble());
    out.printf(
        "[loadtest] %-24s %8s %9s %9s %9s %9s  %s%n",
        "endpoint", "requests", "p50 ms", "p90 ms", "p99 ms", "max ms", "by status");
    for (Iterator<Map.Entry<String, JsonNode>> it = f.path("endpoints").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      out.printf(
          "[loadtest] %-24s %8d %9.1f %9.1f %9.1f %9.1f  %s%n",
          e.getKey(),
          v.path("requests").asLong(),
          v.path("p50_ms").asDouble(),
          v.path("p90_ms").asDouble(),
          v.path("p99_ms").asDouble(),
          v.path("max_ms").asDouble(),
          v.path("by_status"));
    }
    out.printf(
        "[loadtest] 4xx %d, 5xx %d (503: %d), unanswered %d, unexpected bodies %d, stale progress"
            + " answers %d (oldest %d ms)%s%n",
        f.path("http_4xx").asLong(),
        f.path("http_5xx").asLong(),
        f.path("http_503").asLong(),
        f.path("unanswered").asLong(),
        f.path("unexpected_bodies").asLong(),
        f.path("stale_progress_answers").asLong(),
        f.path("max_progress_age_ms").asLong(),
        f.has("batch_completed") ? ", batch completed: " + f.path("batch_completed") : "");
    out.flush();
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }
}
