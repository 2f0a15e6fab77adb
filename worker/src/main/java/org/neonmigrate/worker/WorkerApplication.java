package org.neonmigrate.worker;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;

/** The worker process: polls {@code neon-migrations} and runs the workflows and activities. */
public final class WorkerApplication {

  /** The worker's beans and configuration live in this environment, apart from the API's. */
  public static final String ENVIRONMENT = "worker";

  private WorkerApplication() {}

  public static void main(String[] args) {
    Micronaut.build(args)
        .mainClass(WorkerApplication.class)
        .environments(ENVIRONMENT)
        .banner(false)
        .start();
  }

  /** Starts a worker in this JVM (the sandbox does); the properties override configuration. */
  public static ApplicationContext start(Map<String, Object> properties) {
    // a plain context: Micronaut.start() would add its own JVM shutdown hook, which deadlocks
    // against the host's hook when both stop this context at exit
    ApplicationContext context =
        ApplicationContext.builder()
            .mainClass(WorkerApplication.class)
            .environments(ENVIRONMENT)
            .properties(properties)
            .banner(false)
            .start();
    context.getBean(EmbeddedServer.class).start();
    return context;
  }
}
