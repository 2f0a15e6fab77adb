package org.neonmigrate.sandbox.bench;

import java.util.List;
import java.util.Optional;
import org.neonmigrate.sandbox.SandboxOptions;
import org.neonmigrate.sandbox.SandboxOptions.BadFlag;
import org.neonmigrate.sandbox.temporal.TemporalCli;

/**
 * The {@code loadtest} subcommand's flags.
 *
 * @param clients concurrent readers, each sending its next request when the last one answered
 * @param durationS how long the readers read, from the batch's start
 * @param temporal as for {@code bench}; by default the CLI's dev server when the CLI is found, else
 *     the in-memory test server ({@link #temporalFallback} says why)
 */
public record LoadOptions(
    int orgs,
    int clients,
    int durationS,
    int projects,
    int members,
    int rate,
    int concurrency,
    String temporal,
    String temporalFallback,
    boolean help) {

  public static final String USAGE =
      """
      Usage: java -jar neonmigrate-sandbox.jar loadtest [flags]

        --orgs N           synthetic orgs in the batch that runs meanwhile (default 1000)
        --clients C        concurrent readers (default 50)
        --duration-s D     seconds of reading, from the batch's start (default 60)
        --projects P       projects per org (default 2)
        --members M        members per org (default 3)
        --rate R           Neon requests per second the simulator allows (default 100)
        --concurrency W    the batch's window (default 50)
        --temporal in-memory|cli|HOST:PORT
                           default: cli (the Temporal CLI's dev server) when the CLI is found,
                           else in-memory, saying so

      C readers share GET /migrations/{id} (orgs the batch started), GET /migrations?step=
      (every step in turn) and GET /batches/{id} in turn for D seconds while the batch runs on
      the bench's stack (simulators and REST API in this JVM, one worker process); then it waits
      for the batch to close. Prints progress on stderr and, as the last stdout line, one JSON
      object: requests and p50/p90/p99/max latency per endpoint, answers by status, 5xx and 503
      counts, stale progress answers, and whether the batch completed. Exit code 0 only when no
      read answered 5xx or went unanswered and the batch completed.
      """;

  public static LoadOptions parse(String... args) throws BadFlag {
    int orgs = 1000;
    int clients = 50;
    int duration = 60;
    int projects = 2;
    int members = 3;
    int rate = 100;
    int concurrency = 50;
    String temporal = null;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--help") || flag.equals("-h")) {
        help = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new BadFlag(flag.startsWith("--") ? flag + " needs a value" : "unexpected " + flag);
      }
      String value = args[++i];
      switch (flag) {
        case "--orgs" -> orgs = SandboxOptions.integer(flag, value, 1, 5_000);
        case "--clients" -> clients = SandboxOptions.integer(flag, value, 1, 1_000);
        case "--duration-s" -> duration = SandboxOptions.integer(flag, value, 1, 3_600);
        case "--projects" -> projects = SandboxOptions.integer(flag, value, 0, 5_000);
        case "--members" -> members = SandboxOptions.integer(flag, value, 1, 10_000);
        case "--rate" -> rate = SandboxOptions.integer(flag, value, 1, 100_000);
        case "--concurrency" -> concurrency = SandboxOptions.integer(flag, value, 1, 200);
        case "--temporal" -> temporal = temporalServer(flag, value);
        default -> throw new BadFlag("unknown flag " + flag);
      }
    }
    String fallback = null;
    if (temporal == null) {
      Optional<?> cli = TemporalCli.find(Optional.empty());
      temporal = cli.isPresent() ? "cli" : "in-memory";
      if (cli.isEmpty()) {
        fallback =
            "no temporal CLI (searched "
                + TemporalCli.searched(System.getenv())
                + "): the in-memory test server, which has no visibility store nor persistence";
      }
    }
    return new LoadOptions(
        orgs, clients, duration, projects, members, rate, concurrency, temporal, fallback, help);
  }

  /** The bench run that carries the batch: one worker, every gate approved at once. */
  BenchOptions bench() {
    return new BenchOptions(
        orgs,
        projects,
        members,
        rate,
        rate,
        concurrency,
        1,
        "cluster",
        512,
        List.of(),
        // the history sample is not what this run measures
        Math.min(orgs, 20),
        "rest",
        temporal,
        false);
  }

  private static String temporalServer(String flag, String value) throws BadFlag {
    if (value.equals("in-memory") || value.equals("cli") || value.matches("[\\w.-]+:\\d{1,5}")) {
      return value;
    }
    throw new BadFlag(flag + " must be in-memory, cli or HOST:PORT, was " + value);
  }
}
