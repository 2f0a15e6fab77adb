package org.neonmigrate.sandbox.webui;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Node with {@code playwright-core} (pinned in {@code src/test/webui/package-lock.json}) driving
 * Debian's chromium: where to find each, and running a script of {@code src/test/webui/}.
 *
 * <p>{@code playwright-core} is installed by {@code npm ci} into {@code
 * ${XDG_CACHE_HOME:-~/.cache}/neonmigrate/webui-node-<first 12 hex digits of the lock file's
 * SHA-256>/}, as {@code .ci/run} does: a second run finds it there and downloads nothing.
 */
final class PlaywrightNode {
  static final Path SCRIPTS = Path.of("src", "test", "webui");
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
  private static final int MIN_NODE = 20;

  private final Path node;
  private final Path nodeModules;
  private final Path chromium;

  private PlaywrightNode(Path node, Path nodeModules, Path chromium) {
    this.node = node;
    this.nodeModules = nodeModules;
    this.chromium = chromium;
  }

  /** Empty, with the reason, when this machine lacks node, npm or chromium. */
  static Optional<PlaywrightNode> find(StringBuilder missing) throws IOException {
    Optional<Path> node = onPath("node");
    Optional<Path> npm = onPath("npm");
    Optional<Path> chromium =
        onPath("chromium")
            .or(() -> onPath("chromium-browser"))
            .or(() -> executable("/usr/bin/chromium"));
    if (node.isEmpty()) {
      missing.append("no node on PATH; ");
    } else if (majorVersion(node.get()) < MIN_NODE) {
      missing.append("node on PATH is older than " + MIN_NODE + " (playwright-core needs it); ");
    }
    if (npm.isEmpty()) {
      missing.append("no npm on PATH; ");
    }
    if (chromium.isEmpty()) {
      missing.append("no chromium on PATH or at /usr/bin/chromium (apt-get install -y chromium); ");
    }
    if (!missing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new PlaywrightNode(node.get(), install(npm.get()), chromium.get()));
  }

  Path chromium() {
    return chromium;
  }

  /** The script's exit code and everything it printed. */
  record Outcome(int exitCode, String output) {}

  Outcome run(String script, Path logFile, Duration timeout, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(node.toString(), script));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(SCRIPTS.toFile())
            .redirectErrorStream(true)
            .redirectOutput(logFile.toFile());
    builder.environment().put("NODE_PATH", nodeModules.toString());
    Process process = builder.start();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return new Outcome(
            -1, Files.readString(logFile) + "\n(stopped: still running after " + timeout + ")");
      }
      return new Outcome(process.exitValue(), Files.readString(logFile));
    } finally {
      // chromium too, should node have left it behind
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** The {@code node_modules} folder with {@code playwright-core}, installed once per lock file. */
  private static Path install(Path npm) throws IOException {
    Path lock = SCRIPTS.resolve("package-lock.json");
    Path dir = cacheBase().resolve("webui-node-" + sha256(lock).substring(0, 12));
    Path modules = dir.resolve("node_modules");
    if (Files.isDirectory(modules.resolve("playwright-core"))) {
      return modules.toAbsolutePath();
    }
    Files.createDirectories(dir.getParent());
    Path staging = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".tmp");
    Files.copy(SCRIPTS.resolve("package.json"), staging.resolve("package.json"));
    Files.copy(lock, staging.resolve("package-lock.json"));
    Path log = staging.resolve("npm-ci.log");
    Process npmCi =
        new ProcessBuilder(npm.toString(), "ci", "--no-audit", "--no-fund")
            .directory(staging.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      if (!npmCi.waitFor(INSTALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          || npmCi.exitValue() != 0) {
        throw new IOException(
            "npm ci of playwright-core failed in " + staging + ":\n" + Files.readString(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted during npm ci", e);
    } finally {
      npmCi.destroyForcibly();
    }
    try {
      // whole or absent: a concurrent build that got there first wins, and this copy is dropped
      Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (!Files.isDirectory(modules.resolve("playwright-core"))) {
        throw e;
      }
      deleteTree(staging);
    }
    return modules.toAbsolutePath();
  }

  /** {@code node --version} answers e.g. {@code v20.20.2}; 0 when it cannot tell. */
  private static int majorVersion(Path node) throws IOException {
    Process version =
        new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
    try {
      String answer =
          new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      version.waitFor(10, TimeUnit.SECONDS);
      Matcher major = Pattern.compile("^v(\\d+)\\.").matcher(answer);
      return major.find() ? Integer.parseInt(major.group(1)) : 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } finally {
      version.destroyForcibly();
    }
  }

  private static Path cacheBase() {
    Map<String, String> env = System.getenv();
    String xdg = env.get("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("neonmigrate");
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Optional<Path> onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isBlank()) {
        Optional<Path> found = executable(dir + File.separator + name);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Path> executable(String file) {
    Path path = Path.of(file);
    return Files.isRegularFile(path) && Files.isExecutable(path)
        ? Optional.of(path.toAbsolutePath())
        : Optional.empty();
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
