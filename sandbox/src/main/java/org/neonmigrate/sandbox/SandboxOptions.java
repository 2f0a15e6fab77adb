package org.neonmigrate.sandbox;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.neonmigrate.sandbox.arm.ArmSimulator;
import org.neonmigrate.sandbox.neon.Faults;
import org.neonmigrate.sandbox.neon.RateLimits;
import org.neonmigrate.sandbox.seed.SeedSpec;
import org.neonmigrate.sandbox.temporal.TemporalCli;
import org.neonmigrate.sandbox.temporal.TemporalSettings;
import org.neonmigrate.sandbox.temporal.TemporalSettings.Choice;
import org.neonmigrate.workflows.NeonLimits;
import org.neonmigrate.workflows.TaskQueues;

/** The sandbox's command-line options, parsed once and never changed. */
public record SandboxOptions(
    int neonPort,
    int armPort,
    TemporalSettings temporal,
    int workerPort,
    int apiPort,
    String apiKey,
    String taskQueue,
    int ratePerMinute,
    int burstPerSecond,
    double fault500,
    double fault503,
    double fault429,
    long latencyMs,
    int orgs,
    int projects,
    int members,
    boolean noWorker,
    boolean noApi,
    boolean noEncryption,
    boolean help) {

  /** A flag the user got wrong; the message is meant for them, without a stack trace. */
  public static final class BadFlag extends Exception {
    public BadFlag(String message) {
      super(message);
    }
  }

  public static final String USAGE =
      """
      Usage: java -jar neonmigrate-sandbox.jar [flags]

        --neon-port N          Neon API simulator port (default 4010)
        --arm-port N           Azure ARM simulator port (default 4011)
        --temporal auto|cli|in-memory
                               which Temporal to run (default auto: the Temporal CLI's
                               dev server when a temporal CLI is found, else the
                               in-memory test server, which has no list/visibility,
                               no Web UI and keeps nothing)
        --temporal-cli PATH    the temporal CLI to use (default: PATH, then
                               ~/.cache/neonmigrate/temporal-cli-%s/temporal)
        --temporal-port N      Temporal frontend port (default 7233)
        --temporal-ui-port N   dev server Web UI port (default frontend port + 1000)
        --temporal-dir DIR     dev server folder: temporal.db (runs kept across
                               restarts) and temporal.log (default
                               ~/.neonmigrate/sandbox-temporal)
        --temporal-address HOST:PORT
                               use a Temporal server that is already running
                               (plaintext, namespace default) instead
        --worker-port N        in-process worker's health and metrics port (default 8081)
        --api-port N           in-process REST API port (default 8080)
        --api-key KEY          demo personal Neon API key (default neon-sandbox-key)
        --task-queue NAME      the task queue of the worker and the API (default
                               neon-migrations; the budget uses NAME-budget)
        --rate-per-minute N    Neon requests per minute per key (default 700)
        --burst-per-second N   Neon requests per second per key and route (default 40)
        --fault-500 P          probability (0..1) of a random 500
        --fault-503 P          probability (0..1) of a random 503
        --fault-429 P          probability (0..1) of a random 429
        --latency-ms N         latency added to every Neon call
        --orgs N --projects P --members M
                               seed N synthetic Azure orgs (P projects, M members each)
                               instead of the demo orgs
        --no-worker            do not start the migration worker in-process
        --no-api               do not start the REST API in-process
        --no-encryption        store workflow payloads in Temporal as plain JSON (default:
                               encrypted with a generated key, kept in the --temporal-dir)
        --help                 show this help
      """
          .formatted(TemporalCli.VERSION);

  private static final Set<String> VALUED_FLAGS =
      Set.of(
          "--neon-port",
          "--arm-port",
          "--temporal",
          "--temporal-cli",
          "--temporal-port",
          "--temporal-ui-port",
          "--temporal-dir",
          "--temporal-address",
          "--worker-port",
          "--api-port",
          "--api-key",
          "--task-queue",
          "--rate-per-minute",
          "--burst-per-second",
          "--fault-500",
          "--fault-503",
          "--fault-429",
          "--latency-ms",
          "--orgs",
          "--projects",
          "--members");

  public static SandboxOptions defaults() {
    return new SandboxOptions(
        4010,
        4011,
        TemporalSettings.defaults(),
        8081,
        8080,
        SeedSpec.DEFAULT_API_KEY,
        TaskQueues.DEFAULT,
        NeonLimits.REQUESTS_PER_MINUTE,
        NeonLimits.REQUESTS_PER_ROUTE_PER_SECOND,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        false,
        false,
        false,
        false);
  }

  public static SandboxOptions parse(String... args) throws BadFlag {
    SandboxOptions o = defaults();
    int neonPort = o.neonPort;
    int armPort = o.armPort;
    TemporalSettings t = o.temporal;
    Choice temporalChoice = t.choice();
    int temporalPort = t.port();
    Integer temporalUiPort = null;
    Optional<Path> temporalCli = t.cli();
    Path temporalDir = t.dataDir();
    Optional<String> temporalAddress = t.address();
    Set<String> given = new HashSet<>();
    int workerPort = o.workerPort;
    int apiPort = o.apiPort;
    String apiKey = o.apiKey;
    String taskQueue = o.taskQueue;
    int perMinute = o.ratePerMinute;
    int burst = o.burstPerSecond;
    double f500 = 0;
    double f503 = 0;
    double f429 = 0;
    long latency = 0;
    int orgs = 0;
    int projects = 0;
    int members = 0;
    boolean noWorker = false;
    boolean noApi = false;
    boolean noEncryption = false;
    boolean help = false;
    List<String> list = List.of(args);
    for (int i = 0; i < list.size(); i++) {
      String flag = list.get(i);
      switch (flag) {
        case "--no-worker" -> noWorker = true;
        case "--no-api" -> noApi = true;
        case "--no-encryption" -> noEncryption = true;
        case "--help", "-h" -> help = true;
        default -> {
          if (!VALUED_FLAGS.contains(flag)) {
            throw new BadFlag(
                flag.startsWith("--")
                    ? "unknown flag " + flag
                    : "unexpected argument '" + flag + "'");
          }
          if (i + 1 >= list.size()) {
            throw new BadFlag(flag + " needs a value");
          }
          String value = list.get(++i);
          given.add(flag);
          switch (flag) {
            case "--neon-port" -> neonPort = port(flag, value);
            case "--arm-port" -> armPort = port(flag, value);
            case "--temporal" -> temporalChoice = temporalChoice(flag, value);
            case "--temporal-cli" -> temporalCli = Optional.of(runnable(flag, value));
            case "--temporal-port" -> temporalPort = port(flag, value);
            case "--temporal-ui-port" -> temporalUiPort = port(flag, value);
            case "--temporal-dir" -> temporalDir = path(flag, value);
            case "--temporal-address" -> temporalAddress = Optional.of(address(flag, value));
            case "--worker-port" -> workerPort = port(flag, value);
            case "--api-port" -> apiPort = port(flag, value);
            case "--api-key" -> apiKey = nonBlank(flag, value);
            case "--task-queue" -> taskQueue = taskQueue(flag, value);
            case "--rate-per-minute" -> perMinute = integer(flag, value, 1, 1_000_000);
            case "--burst-per-second" -> burst = integer(flag, value, 1, 1_000_000);
            case "--fault-500" -> f500 = probability(flag, value);
            case "--fault-503" -> f503 = probability(flag, value);
            case "--fault-429" -> f429 = probability(flag, value);
            case "--latency-ms" -> latency = integer(flag, value, 0, 60_000);
            case "--orgs" -> orgs = integer(flag, value, 1, 10_000);
            case "--projects" -> projects = integer(flag, value, 0, 5000);
            case "--members" -> members = integer(flag, value, 1, 10_000);
            default -> throw new BadFlag("unknown flag " + flag);
          }
        }
      }
    }
    if (f500 + f503 + f429 > 1) {
      throw new BadFlag("--fault-500, --fault-503 and --fault-429 must add up to at most 1");
    }
    if (orgs == 0 && (projects > 0 || members > 0)) {
      throw new BadFlag("--projects and --members need --orgs");
    }
    TemporalSettings temporal =
        temporal(
            given,
            temporalChoice,
            temporalPort,
            temporalUiPort,
            temporalCli,
            temporalDir,
            temporalAddress);
    return new SandboxOptions(
        neonPort,
        armPort,
        temporal,
        workerPort,
        apiPort,
        apiKey,
        taskQueue,
        perMinute,
        burst,
        f500,
        f503,
        f429,
        latency,
        orgs,
        projects,
        members,
        noWorker,
        noApi,
        noEncryption,
        help);
  }

  private static String taskQueue(String flag, String value) throws BadFlag {
    try {
      return new TaskQueues(value).main();
    } catch (IllegalArgumentException e) {
      throw new BadFlag(flag + ": " + e.getMessage());
    }
  }

  /**
   * The Temporal flags, checked against each other: a flag that would have no effect is an error.
   */
  private static TemporalSettings temporal(
      Set<String> given,
      Choice choice,
      int port,
      Integer uiPort,
      Optional<Path> cli,
      Path dir,
      Optional<String> address)
      throws BadFlag {
    if (address.isPresent()) {
      for (String flag :
          List.of(
              "--temporal",
              "--temporal-cli",
              "--temporal-port",
              "--temporal-ui-port",
              "--temporal-dir")) {
        if (given.contains(flag)) {
          throw new BadFlag(flag + " has no effect with --temporal-address");
        }
      }
      return new TemporalSettings(Choice.EXISTING, port, 0, cli, dir, address);
    }
    if (choice == Choice.IN_MEMORY) {
      for (String flag : List.of("--temporal-cli", "--temporal-ui-port", "--temporal-dir")) {
        if (given.contains(flag)) {
          throw new BadFlag(flag + " has no effect with --temporal in-memory");
        }
      }
    }
    if (cli.isPresent() && choice == Choice.AUTO) {
      // naming a CLI means wanting its server: no silent fallback
      choice = Choice.CLI;
    }
    int ui;
    if (uiPort != null) {
      ui = uiPort;
    } else if (port == 0) {
      ui = 0;
    } else if (port + TemporalSettings.UI_PORT_OFFSET <= 65535) {
      ui = port + TemporalSettings.UI_PORT_OFFSET;
    } else {
      throw new BadFlag(
          "--temporal-port "
              + port
              + " leaves no room for the Web UI 1000 above it;"
              + " give --temporal-ui-port");
    }
    if (ui != 0 && ui == port && choice != Choice.IN_MEMORY) {
      throw new BadFlag("--temporal-ui-port must differ from --temporal-port");
    }
    return new TemporalSettings(choice, port, ui, cli, dir, Optional.empty());
  }

  /** The Temporal frontend port asked for (0 = a free one). */
  public int temporalPort() {
    return temporal.port();
  }

  public RateLimits.Settings rateLimits() {
    return new RateLimits.Settings(ratePerMinute, burstPerSecond);
  }

  public Faults.Settings faults() {
    return new Faults.Settings(fault500, fault503, fault429, latencyMs);
  }

  public SeedSpec seed() {
    return orgs == 0 ? SeedSpec.demo(apiKey) : new SeedSpec(apiKey, orgs, projects, members, 42);
  }

  public Simulators.Settings simulators() {
    return new Simulators.Settings(
        neonPort, armPort, ArmSimulator.DEFAULT_TOKEN, rateLimits(), faults(), seed());
  }

  private static int port(String flag, String value) throws BadFlag {
    return integer(flag, value, 0, 65535);
  }

  /**
   * A whole number within min..max, else a {@link BadFlag} naming the flag (for every subcommand).
   */
  public static int integer(String flag, String value, int min, int max) throws BadFlag {
    try {
      int n = Integer.parseInt(value);
      if (n < min || n > max) {
        throw new BadFlag(flag + " must be between " + min + " and " + max + ", got " + value);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new BadFlag(flag + " needs a whole number, got '" + value + "'");
    }
  }

  /** A probability within 0..1, else a {@link BadFlag} naming the flag (for every subcommand). */
  public static double probability(String flag, String value) throws BadFlag {
    try {
      double p = Double.parseDouble(value);
      if (!(p >= 0 && p <= 1)) {
        throw new BadFlag(flag + " must be a probability between 0 and 1, got " + value);
      }
      return p;
    } catch (NumberFormatException e) {
      throw new BadFlag(flag + " needs a number between 0 and 1, got '" + value + "'");
    }
  }

  private static Choice temporalChoice(String flag, String value) throws BadFlag {
    return switch (value) {
      case "auto" -> Choice.AUTO;
      case "cli" -> Choice.CLI;
      case "in-memory" -> Choice.IN_MEMORY;
      default -> throw new BadFlag(flag + " must be auto, cli or in-memory, got '" + value + "'");
    };
  }

  private static Path path(String flag, String value) throws BadFlag {
    try {
      return Path.of(nonBlank(flag, value));
    } catch (InvalidPathException e) {
      throw new BadFlag(flag + " needs a path, got '" + value + "'");
    }
  }

  private static Path runnable(String flag, String value) throws BadFlag {
    Path file = path(flag, value);
    if (!TemporalCli.isRunnable(file)) {
      throw new BadFlag(flag + " " + value + " is not an executable file");
    }
    return file.toAbsolutePath();
  }

  private static String address(String flag, String value) throws BadFlag {
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new BadFlag(flag + " needs HOST:PORT, got '" + value + "'");
    }
    integer(flag, value.substring(colon + 1), 1, 65535);
    return value;
  }

  private static String nonBlank(String flag, String value) throws BadFlag {
    if (value.isBlank()) {
      throw new BadFlag(flag + " must not be blank");
    }
    return value;
  }
}
