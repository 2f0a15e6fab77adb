package org.neonmigrate.sandbox.temporal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the {@code temporal} CLI whose {@code server start-dev} is the sandbox's real Temporal
 * server: the path given by {@code --temporal-cli}, else the first on {@code PATH}, else the copy
 * {@code .ci/run} caches.
 */
public final class TemporalCli {
  /** The pin: later tags carry a {@code replace} directive that {@code go install} refuses. */
  public static final String VERSION = "v1.5.1";

  public static final String INSTALL_COMMAND =
      "CGO_ENABLED=0 go install github.com/temporalio/cli/cmd/temporal@" + VERSION;

  private static final String EXECUTABLE = isWindows() ? "temporal.exe" : "temporal";

  private TemporalCli() {}

  /** Where {@code .ci/run} installs the pinned CLI; keep the two in step. */
  public static Path cacheDir(Map<String, String> env) {
    String xdg = env.get("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("neonmigrate").resolve("temporal-cli-" + VERSION);
  }

  /** The CLI this machine offers, looked up in {@code PATH} and the cache as described above. */
  public static Optional<Path> find(Optional<Path> explicit) {
    return find(explicit, System.getenv());
  }

  static Optional<Path> find(Optional<Path> explicit, Map<String, String> env) {
    if (explicit.isPresent()) {
      return explicit;
    }
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      Optional<Path> candidate = executable(dir);
      if (candidate.isPresent()) {
        return candidate;
      }
    }
    return executable(cacheDir(env).toString());
  }

  /** Where the lookup goes, in words, for messages that say none was found. */
  public static String searched(Map<String, String> env) {
    return "--temporal-cli, PATH, " + cacheDir(env).resolve(EXECUTABLE);
  }

  public static boolean isRunnable(Path file) {
    return Files.isRegularFile(file) && Files.isExecutable(file);
  }

  private static Optional<Path> executable(String dir) {
    try {
      Path file = Path.of(dir, EXECUTABLE);
      return isRunnable(file) ? Optional.of(file.toAbsolutePath()) : Optional.empty();
    } catch (InvalidPathException e) {
      // a malformed PATH entry is skipped, as a shell would
      return Optional.empty();
    }
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase().startsWith("windows");
  }
}
