package org.neonmigrate.sandbox.bench;

import java.util.ArrayList;
import java.util.List;
import org.neonmigrate.sandbox.SandboxOptions;
import org.neonmigrate.sandbox.SandboxOptions.BadFlag;

/**
 * The {@code bench} subcommand's flags.
 *
 * @param rate Neon requests per second the simulator allows (per-minute budget {@code rate*60});
 *     the worker fleet gets the same budget
 * @param burstPerSecond the per-route limit, by default the whole rate: Neon's real 40/s per route
 *     lies far above its 11.7/s account limit, so in production the account limit binds, and that
 *     is what the bench measures; {@code --burst-per-second 40} measures a per-route-bound run
 * @param concurrency the batch's window (children working at once)
 * @param workers worker processes; they share the budget
 * @param budgetMode {@code local}: each worker gets 1/workers of the budget; {@code cluster}: every
 *     worker is given the whole budget and {@code neon.budget.mode=cluster} to share it
 * @param workerHeapMb the worker's {@code -Xmx}
 * @param workerJvmArgs extra JVM arguments for every worker (e.g. {@code
 *     -XX:StartFlightRecording=...}, {@code -Dtemporal.max-concurrent-activities=...})
 * @param historySample how many children's history lengths to read; 0 means all of them
 * @param driver {@code rest} (the batch REST API, falling back to Temporal when the API has no
 *     batch routes), or {@code temporal} (start and drive the batch through the Temporal client)
 * @param temporal {@code in-memory} (the SDK's test server), {@code cli} (the Temporal CLI's dev
 *     server, a real server on SQLite, in a fresh folder), or the HOST:PORT of a running server
 */
public record BenchOptions(
    int orgs,
    int projects,
    int members,
    int rate,
    int burstPerSecond,
    int concurrency,
    int workers,
    String budgetMode,
    int workerHeapMb,
    List<String> workerJvmArgs,
    int historySample,
    String driver,
    String temporal,
    boolean help) {

  public static final String USAGE =
      """
      Usage: java -jar neonmigrate-sandbox.jar bench --orgs N --projects P --members M --rate R [flags]

        --orgs N               synthetic Azure orgs to migrate in one batch
        --projects P           projects per org
        --members M            members per org (admin + ops are already in the destination)
        --rate R               Neon requests per second (per-minute limit R*60)
        --burst-per-second B   per-route limit (default R: the account rate is what is measured)
        --concurrency C        the batch's window (default 50, at most 200)
        --workers K            worker processes sharing the budget (default 1)
        --budget-mode MODE     cluster (the fleet shares one budget, default) or local (R split)
        --worker-heap-mb N     worker -Xmx (default 512)
        --worker-jvm-arg ARG   extra worker JVM argument, repeatable (JFR, -D tuning)
        --history-sample N     children whose history length is read (default: all up to
                               1000 orgs, else a random 200)
        --driver rest|temporal how the batch is started and approved (default rest)
        --temporal in-memory|cli|HOST:PORT
                               the Temporal server: the in-memory test server (default),
                               the CLI's dev server (real, SQLite, in a fresh temp folder),
                               or a running one

      Prints progress on stderr and, as the last stdout line, one JSON object with the figures.
      Exit code 0 only when the batch completed with no failed org.
      """;

  public static BenchOptions parse(String... args) throws BadFlag {
    int orgs = 0;
    int projects = -1;
    int members = 0;
    int rate = 0;
    int concurrency = 50;
    int workers = 1;
    String budgetMode = "cluster";
    int burst = 0;
    int heap = 512;
    List<String> jvmArgs = new ArrayList<>();
    int sample = -1;
    String driver = "rest";
    String temporal = "in-memory";
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
        case "--orgs" -> orgs = SandboxOptions.integer(flag, value, 1, 10_000);
        case "--projects" -> projects = SandboxOptions.integer(flag, value, 0, 5000);
        case "--members" -> members = SandboxOptions.integer(flag, value, 1, 10_000);
        case "--rate" -> rate = SandboxOptions.integer(flag, value, 1, 100_000);
        case "--burst-per-second" -> burst = SandboxOptions.integer(flag, value, 1, 100_000);
        case "--concurrency" -> concurrency = SandboxOptions.integer(flag, value, 1, 200);
        case "--workers" -> workers = SandboxOptions.integer(flag, value, 1, 16);
        case "--budget-mode" -> budgetMode = oneOf(flag, value, "local", "cluster");
        case "--worker-heap-mb" -> heap = SandboxOptions.integer(flag, value, 64, 65_536);
        case "--worker-jvm-arg" -> jvmArgs.add(value);
        case "--history-sample" -> sample = SandboxOptions.integer(flag, value, 0, 10_000);
        case "--driver" -> driver = oneOf(flag, value, "rest", "temporal");
        case "--temporal" -> temporal = temporalServer(flag, value);
        default -> throw new BadFlag("unknown flag " + flag);
      }
    }
    if (!help && (orgs == 0 || projects < 0 || members == 0 || rate == 0)) {
      throw new BadFlag("--orgs, --projects, --members and --rate are required");
    }
    if (burst == 0) {
      burst = rate;
    }
    if (sample < 0) {
      sample = orgs <= 1000 ? 0 : 200;
    }
    return new BenchOptions(
        orgs,
        projects,
        members,
        rate,
        burst,
        concurrency,
        workers,
        budgetMode,
        heap,
        List.copyOf(jvmArgs),
        sample,
        driver,
        temporal,
        help);
  }

  private static String temporalServer(String flag, String value) throws BadFlag {
    if (value.equals("in-memory") || value.equals("cli") || value.matches("[\\w.-]+:\\d{1,5}")) {
      return value;
    }
    throw new BadFlag(flag + " must be in-memory, cli or HOST:PORT, was " + value);
  }

  public int perMinute() {
    return rate * 60;
  }

  private static String oneOf(String flag, String value, String... allowed) throws BadFlag {
    for (String a : allowed) {
      if (a.equals(value)) {
        return value;
      }
    }
    throw new BadFlag(flag + " must be one of " + String.join(", ", allowed) + ", got " + value);
  }
}
