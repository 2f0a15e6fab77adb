package org.neonmigrate.sandbox;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.neonmigrate.sandbox.temporal.EmbeddedTemporal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running sandbox: starts its components in order (Temporal, simulators, then the in-process
 * worker and REST API when enabled) and closes them in reverse.
 */
public final class Sandbox implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Sandbox.class);

  private final SandboxOptions options;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private EmbeddedTemporal temporal;
  private Simulators simulators;

  private Sandbox(SandboxOptions options) {
    this.options = options;
  }

  public static Sandbox start(SandboxOptions options) throws IOException {
    Sandbox sandbox = new Sandbox(options);
    try {
      sandbox.startComponents();
    } catch (IOException | RuntimeException e) {
      sandbox.close();
      throw e;
    }
    return sandbox;
  }

  private void startComponents() throws IOException {
    temporal = EmbeddedTemporal.start(options.temporalPort());
    started.push(temporal);
    simulators = Simulators.start(options.simulators());
    started.push(simulators);
    if (!options.noWorker()) {
      // the in-process worker (Micronaut context pointed at temporal.target() and the simulators)
      // starts here once it exists; push it onto `started` so it closes before the simulators
      log.info("in-process worker: not part of this build yet");
    }
    if (!options.noApi()) {
      // likewise the REST API context, started after the worker
      log.info("in-process REST API: not part of this build yet");
    }
  }

  public SandboxOptions options() {
    return options;
  }

  public EmbeddedTemporal temporal() {
    return temporal;
  }

  public Simulators simulators() {
    return simulators;
  }

  @Override
  public void close() {
    while (!started.isEmpty()) {
      AutoCloseable component = started.pop();
      try {
        component.close();
      } catch (Exception e) {
        // keep closing the rest; one failed close must not leave ports bound
        log.warn("closing {} failed: {}", component.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
