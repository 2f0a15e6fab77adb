package org.neonmigrate.api;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import java.util.Map;

/**
 * The REST API process. Its beans and configuration live in the {@value #ENVIRONMENT} environment
 * so that it can share a JVM and a classpath with the worker's application context.
 */
@OpenAPIDefinition(
    info =
        @Info(
            title = "neonmigrate API",
            version = "0.1",
            description =
                "Starts, watches, approves, rejects and cancels migrations of Azure-managed Neon"
                    + " organizations into Neon-managed ones."),
    security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer")
public final class ApiApplication {

  /** The environment that activates the API's configuration and beans. */
  public static final String ENVIRONMENT = "api";

  private ApiApplication() {}

  public static void main(String[] args) {
    // explicit rather than default: MICRONAUT_ENVIRONMENTS=prod must not switch the API's beans off
    Micronaut.build(args).mainClass(ApiApplication.class).environments(ENVIRONMENT).start();
  }

  /**
   * Starts the API in this JVM (used by the sandbox). The properties override the configuration,
   * e.g. {@code micronaut.server.port} or {@code temporal.address}.
   *
   * @return the running server; close its application context to stop it
   */
  public static EmbeddedServer start(Map<String, Object> properties) {
    // a plain context: Micronaut.start() would add its own JVM shutdown hook, which deadlocks
    // against the host's hook when both stop this context at exit
    ApplicationContext context =
        ApplicationContext.builder()
            .mainClass(ApiApplication.class)
            .environments(ENVIRONMENT)
            .properties(properties)
            .banner(false)
            .start();
    EmbeddedServer server = context.getBean(EmbeddedServer.class);
    server.start();
    return server;
  }
}
