package org.neonmigrate.sandbox.rehearse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.neonmigrate.sandbox.SandboxOptions;
import org.neonmigrate.sandbox.SandboxOptions.BadFlag;

/**
 * The {@code rehearse} subcommand's flags.
 *
 * @param orgs synthetic Azure orgs migrated in one batch
 * @param projects projects per org
 * @param members members per org
 * @param concurrency the batch's window
 * @param workers worker processes (the shipped worker jar), each killed in turn
 * @param killWorkerEvery SIGKILL one worker this often (then start it again); zero: never
 * @param restartTemporalAt SIGKILL the dev server at these times after the batch started (then
 *     start it again on the same database)
 * @param loseResponses probability that a call which changes state (Neon transfer, invitation,
 *     grant, key creation; the ARM DELETE) is carried out and its answer lost
 * @param neonErrors probability that a Neon call answers 500, 503 or 429 (a third each) instead
 * @param latencyMs latency added to every Neon call
 * @param temporal {@code auto} (the CLI's dev server when a CLI is found, else in-memory), {@code
 *     cli} or {@code in-memory}
 * @param temporalCli the CLI to use
 * @param workerJar the worker jar; by default the one the build put beside the sandbox's
 * @param dir where the logs, the dev server's database and the key drop folder go
 * @param deadline how long the batch may take before the rehearsal gives up
 * @param seed the simulators' random seed (the same seed gives the same faults for the same calls)
 */
public record RehearseOptions(
    int orgs,
    int projects,
    int members,
    int concurrency,
    int workers,
    Duration killWorkerEvery,
    List<Duration> restartTemporalAt,
    double loseResponses,
    double neonErrors,
    long latencyMs,
    String temporal,
    Optional<Path> temporalCli,
    Optional<Path> workerJar,
    Path dir,
    Duration deadline,
    long seed,
    boolean help) {

  public static final String USAGE =
      """
      Usage: java -jar neonmigrate-sandbox.jar rehearse [flags]

      Seeds synthetic orgs in the simulators, runs one batch through the REST API on the Temporal
      CLI's dev server with the shipped worker jar, makes trouble meanwhile, then audits the
      simulators' state against what was seeded.

        --orgs N                    orgs in the batch (default 100)
        --projects P                projects per org (default 3)
        --members M                 members per org (default 3)
        --concurrency C             the batch's window (default 20)
        --workers K                 worker processes (default 2)
        --kill-worker-every D       SIGKILL a worker every D (e.g. 20s), then start it again
        --restart-temporal-at D[,D] SIGKILL the dev server at D after the start, then restart it
        --lose-responses P          probability that a call changing state is carried out and its
                                    answer lost (Neon and ARM)
        --neon-errors P             probability that a Neon call answers 500/503/429 instead
        --latency-ms N              latency added to every Neon call (default 20)
        --temporal auto|cli|in-memory
                                    the server (default auto: the dev server when a temporal CLI
                                    is found; in-memory cannot be restarted)
        --temporal-cli PATH         the temporal CLI
        --worker-jar PATH           the worker jar (default: worker/target/ of this build)
        --dir DIR                   logs, database, key drop folder (default
                                    target/rehearsal-<time>)
        --deadline D                give up after D (default 30m)
        --seed N                    the simulators' random seed (default 7)

      Durations: 500ms, 20s, 2m or plain seconds. Prints progress on stderr and, as the last stdout
      line, one JSON object: the audit. Exit code 0 only when every org completed and nothing was
      lost or done twice.
      """;

  public static RehearseOptions parse(String... args) throws BadFlag {
    int orgs = 100;
    int projects = 3;
    int members = 3;
    int concurrency = 20;
    int workers = 2;
    Duration killEvery = Duration.ZERO;
    List<Duration> restarts = new ArrayList<>();
    double lose = 0;
    double errors = 0;
    long latency = 20;
    String temporal = "auto";
    Optional<Path> cli = Optional.empty();
    Optional<Path> workerJar = Optional.empty();
    Path dir = null;
    Duration deadline = Duration.ofMinutes(30);
    long seed = 7;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--help") || flag.equals("-h")) {
        help = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new BadFlag(flag + " needs a value");
      }
      String value = args[++i];
      switch (flag) {
        case "--orgs" -> orgs = SandboxOptions.integer(flag, value, 1, 20_000);
        case "--projects" -> projects = SandboxOptions.integer(flag, value, 1, 400);
        case "--members" -> members = SandboxOptions.integer(flag, value, 1, 100);
        case "--concurrency" -> concurrency = SandboxOptions.integer(flag, value, 1, 200);
        case "--workers" -> workers = SandboxOptions.integer(flag, value, 1, 16);
        case "--kill-worker-every" -> killEvery = duration(flag, value);
        case "--restart-temporal-at" -> {
          for (String part : value.split(",")) {
            Duration at = duration(flag, part.trim());
            if (at.isZero()) {
              throw new BadFlag(flag + " times must be after the start");
            }
            restarts.add(at);
          }
          restarts.sort(null);
        }
        case "--lose-responses" -> lose = SandboxOptions.probability(flag, value);
        case "--neon-errors" -> errors = SandboxOptions.probability(flag, value);
        case "--latency-ms" -> latency = SandboxOptions.integer(flag, value, 0, 10_000);
        case "--temporal" -> {
          if (!List.of("auto", "cli", "in-memory").contains(value)) {
            throw new BadFlag(flag + " must be auto, cli or in-memory, not " + value);
          }
          temporal = value;
        }
        case "--temporal-cli" -> cli = Optional.of(Path.of(value));
        case "--worker-jar" -> workerJar = Optional.of(Path.of(value));
        case "--dir" -> dir = Path.of(value);
        case "--deadline" -> {
          deadline = duration(flag, value);
          if (deadline.isZero()) {
            throw new BadFlag(flag + " must be positive");
          }
        }
        case "--seed" -> {
          try {
            seed = Long.parseLong(value);
          } catch (NumberFormatException e) {
            throw new BadFlag(flag + " must be a whole number, not " + value);
          }
        }
        default -> throw new BadFlag("unknown flag " + flag);
      }
    }
    if (lose >= 1) {
      throw new BadFlag("--lose-responses must be below 1, or no call that changes state ends");
    }
    if (errors >= 1) {
      throw new BadFlag("--neon-errors must be below 1, or no Neon call succeeds");
    }
    if (dir == null) {
      dir = Path.of("target", "rehearsal-" + Long.toString(System.currentTimeMillis(), 36));
    }
    return new RehearseOptions(
        orgs,
        projects,
        members,
        concurrency,
        workers,
        killEvery,
        List.copyOf(restarts),
        lose,
        errors,
        latency,
        temporal,
        cli,
        workerJar,
        dir,
        deadline,
        seed,
        help);
  }

  /** {@code 500ms}, {@code 20s}, {@code 2m}, {@code 1h}, or plain seconds. */
  static Duration duration(String flag, String value) throws BadFlag {
    String v = value.trim().toLowerCase(Locale.ROOT);
    try {
      long n;
      if (v.endsWith("ms")) {
        n = Long.parseLong(v.substring(0, v.length() - 2));
        return nonNegative(flag, value, Duration.ofMillis(n));
      }
      char unit = v.isEmpty() ? ' ' : v.charAt(v.length() - 1);
      String digits = Character.isDigit(unit) ? v : v.substring(0, v.length() - 1);
      n = Long.parseLong(digits);
      Duration d =
          switch (unit) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> {
              if (!Character.isDigit(unit)) {
                throw new BadFlag(flag + ": unknown unit in " + value + " (use ms, s, m or h)");
              }
              yield Duration.ofSeconds(n);
            }
          };
      return nonNegative(flag, value, d);
    } catch (NumberFormatException e) {
      throw new BadFlag(flag + " must be a duration such as 20s or 2m, not " + value);
    }
  }

  private static Duration nonNegative(String flag, String value, Duration d) throws BadFlag {
    if (d.isNegative()) {
      throw new BadFlag(flag + " must not be negative, not " + value);
    }
    return d;
  }
}
