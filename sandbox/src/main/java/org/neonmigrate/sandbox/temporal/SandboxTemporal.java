package org.neonmigrate.sandbox.temporal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Temporal frontend the sandbox's worker and REST API talk to, with the migration's search
 * attributes registered in the {@code default} namespace.
 */
public interface SandboxTemporal extends AutoCloseable {

  /** The gRPC target for {@code WorkflowServiceStubsOptions.setTarget}. */
  String target();

  /** The Temporal Web UI, when this server has one the sandbox knows of. */
  Optional<String> webUiUrl();

  /** What kind of server this is, in a few words, for the quick start. */
  String description();

  @Override
  void close();

  /**
   * Starts (or, with {@link TemporalSettings.Choice#EXISTING}, connects to) the server the settings
   * pick; AUTO falls back to the in-memory server, with a warning, when no CLI is found.
   *
   * @throws IOException if a port is taken or the server does not come up
   */
  static SandboxTemporal start(TemporalSettings settings) throws IOException {
    return start(settings, TemporalCli.find(settings.cli()));
  }

  static SandboxTemporal start(TemporalSettings settings, Optional<Path> cli) throws IOException {
    return switch (settings.choice()) {
      case EXISTING -> ExistingTemporal.connect(settings.address().orElseThrow());
      case IN_MEMORY -> EmbeddedTemporal.start(settings.port());
      case CLI ->
          DevServerTemporal.start(
              cli.orElseThrow(
                  () ->
                      new IOException(
                          "no temporal CLI found (looked in "
                              + TemporalCli.searched(System.getenv())
                              + "); install it with `"
                              + TemporalCli.INSTALL_COMMAND
                              + "` or run with --temporal in-memory")),
              settings);
      case AUTO -> {
        if (cli.isPresent()) {
          yield DevServerTemporal.start(cli.get(), settings);
        }
        Logger log = LoggerFactory.getLogger(SandboxTemporal.class);
        log.warn(
            "no temporal CLI found (looked in {}): falling back to the in-memory Temporal test"
                + " server. It has no visibility API (no `temporal workflow list`, no list"
                + " queries on search attributes), no Web UI, keeps nothing after the sandbox"
                + " stops, and can lose tasks when a worker process dies. For the real server"
                + " (the CLI's dev server, Web UI on :8233, runs kept on disk): `{}`",
            TemporalCli.searched(System.getenv()),
            TemporalCli.INSTALL_COMMAND);
        yield EmbeddedTemporal.start(settings.port());
      }
    };
  }
}
