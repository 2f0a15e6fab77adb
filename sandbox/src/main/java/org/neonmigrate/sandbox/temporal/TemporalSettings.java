package org.neonmigrate.sandbox.temporal;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Which Temporal the sandbox runs or uses, and where.
 *
 * @param choice how the server is picked
 * @param port the frontend's gRPC port (dev server or in-memory; 0 = a free one)
 * @param uiPort the dev server's Web UI port (0 = a free one)
 * @param cli the {@code temporal} CLI named by {@code --temporal-cli}; else it is looked up
 * @param dataDir the dev server's folder: its SQLite database and its log
 * @param address {@code HOST:PORT} of a server that is already running ({@link Choice#EXISTING})
 * @param uiCodecEndpoint the codec server the dev server's Web UI decodes payloads with
 */
public record TemporalSettings(
    Choice choice,
    int port,
    int uiPort,
    Optional<Path> cli,
    Path dataDir,
    Optional<String> address,
    Optional<String> uiCodecEndpoint) {

  public TemporalSettings(
      Choice choice,
      int port,
      int uiPort,
      Optional<Path> cli,
      Path dataDir,
      Optional<String> address) {
    this(choice, port, uiPort, cli, dataDir, address, Optional.empty());
  }

  /** These settings with the dev server's Web UI pointed at a codec server. */
  public TemporalSettings withUiCodecEndpoint(String endpoint) {
    return new TemporalSettings(choice, port, uiPort, cli, dataDir, address, Optional.of(endpoint));
  }

  public enum Choice {
    /** The CLI's dev server when a {@code temporal} CLI is found, else the in-memory server. */
    AUTO,
    /** The CLI's dev server; starting fails when no CLI is found. */
    CLI,
    /** The SDK's in-memory test server, in this JVM. */
    IN_MEMORY,
    /** A server that is already running, at {@link TemporalSettings#address()}. */
    EXISTING
  }

  public static final int DEFAULT_PORT = 7233;

  /** The CLI's own default: the Web UI listens 1000 above the frontend (8233). */
  public static final int UI_PORT_OFFSET = 1000;

  /** Kept across restarts, so every run of earlier sessions is still there. */
  public static Path defaultDataDir() {
    return Path.of(System.getProperty("user.home"), ".neonmigrate", "sandbox-temporal");
  }

  public static TemporalSettings defaults() {
    return new TemporalSettings(
        Choice.AUTO,
        DEFAULT_PORT,
        DEFAULT_PORT + UI_PORT_OFFSET,
        Optional.empty(),
        defaultDataDir(),
        Optional.empty());
  }

  /** A dev server on free ports with its data in {@code dataDir}, e.g. for tests. */
  public static TemporalSettings devServer(Path cli, Path dataDir) {
    return new TemporalSettings(Choice.CLI, 0, 0, Optional.of(cli), dataDir, Optional.empty());
  }

  /** The in-memory server on a free port. */
  public static TemporalSettings inMemory() {
    return new TemporalSettings(
        Choice.IN_MEMORY, 0, 0, Optional.empty(), defaultDataDir(), Optional.empty());
  }
}
