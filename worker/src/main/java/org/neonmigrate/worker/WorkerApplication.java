package org.neonmigrate.worker;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.util.Map;

/** The worker process: polls {@code neon-migrations} and runs the workflows and activities. */
public final class WorkerApplication {

  /** The worker's beans and configuration live in this environment, apart from the API's. */
  public static final String ENVIRONMENT = "worker";

  private WorkerApplication() {}

  public static void main(String[] args) {
    Micronaut.build(args)
        .mainClass(WorkerApplication.class)
        .defaultEnvironments(ENVIRONMENT)
        .banner(false)
        .start();
  }

  /** Starts a worker in this JVM (the sandbox does); the properties override configuration. */
  public static ApplicationContext start(Map<String, Object> properties) {
    return Micronaut.build(new String[0])
        .mainClass(WorkerApplication.class)
        .environments(ENVIRONMENT)
        .properties(properties)
        .banner(false)
        .start();
  }
}
