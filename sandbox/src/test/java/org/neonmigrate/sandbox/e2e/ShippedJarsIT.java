package org.neonmigrate.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.neonmigrate.sandbox.Simulators;
import org.neonmigrate.sandbox.arm.ArmState;
import org.neonmigrate.sandbox.neon.NeonModel;
import org.neonmigrate.sandbox.neon.NeonState;
import org.neonmigrate.sandbox.seed.SeedSpec;
import org.neonmigrate.sandbox.temporal.EmbeddedTemporal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jars as shipped, run the way {@code docker/Dockerfile} and {@code docker/compose.yml} run
 * them: {@code worker/target/neonmigrate-worker-*-all.jar} and {@code
 * api/target/neonmigrate-api-*-all.jar} as separate {@code java -jar} processes configured only by
 * environment variables, against the Neon and ARM simulators and the in-memory Temporal service of
 * this JVM. Each process's output goes to a file under {@code target/shipped-jars/} and is printed
 * when a test fails. Failsafe runs this after the package phase, when the reactor has built both
 * jars.
 */
class ShippedJarsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration GATE_TIMEOUT = Duration.ofSeconds(120);
  private static final List<String> SANDBOX_TOKENS =
      List.of("sandbox-operator", "sandbox-approver", "sandbox-viewer");
  private static final Pattern BELOW_INFO = Pattern.compile("\\b(DEBUG|TRACE)\\b");

  // fresh secrets, so finding one in a log can only mean it was logged
  private static final String NEON_KEY = "neon-it-" + UUID.randomUUID();
  private static final String ARM_TOKEN = "arm-it-" + UUID.randomUUID();
  private static final String OPERATOR_TOKEN = "operator-it-" + UUID.randomUUID();
  private static final String APPROVER_TOKEN = "approver-it-" + UUID.randomUUID();
  private static final String VIEWER_TOKEN = "viewer-it-" + UUID.randomUUID();

  private static EmbeddedTemporal temporal;
  private static Simulators simulators;

  private final List<ShippedJarProcess> processes = new ArrayList<>();
  private Path runDir;

  @RegisterExtension
  final TestWatcher printLogsOnFailure =
      new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
          for (ShippedJarProcess p : processes) {
            System.err.printf(
                "%n===== %s output (%s) =====%n%s%n===== end of %s output =====%n",
                p.name(), p.logFile(), p.output(), p.name());
          }
        }
      };

  @BeforeAll
  static void startTemporalAndSimulators() throws IOException {
    temporal = EmbeddedTemporal.start(0);
    Simulators.Settings defaults = Simulators.Settings.forTests();
    simulators =
        Simulators.start(
            new Simulators.Settings(
                0,
                0,
                ARM_TOKEN,
                defaults.rateLimits(),
                defaults.faults(),
                SeedSpec.demo(NEON_KEY)));
  }

  @AfterAll
  static void stopTemporalAndSimulators() {
    if (simulators != null) {
      simulators.close();
    }
    if (temporal != null) {
      temporal.close();
    }
  }

  @AfterEach
  void killProcesses() {
    for (ShippedJarProcess p : processes) {
      p.close();
    }
  }

  @Test
  void anOperatorAndAnotherPersonMigrateAnOrgThroughBothGatesWithTheShippedJars(TestInfo test)
      throws Exception {
    runDir = runDir(test);
    String source = "org-az-fabrikam-scale";
    String destination = "org-nm-fabrikam-scale";
    NeonState neon = simulators.neon().state();
    List<String> projects = neon.projectIds(source);
    assertThat(projects).hasSize(12);
    List<String> sourceOrgKeys = neon.orgKeys(source).stream().map(k -> k.token()).toList();

    ShippedJarProcess worker = startWorker();
    String api = startApi(tokensFile());

    String body =
        """
        {"sourceOrgId":"org-az-fabrikam-scale","destinationOrgId":"org-nm-fabrikam-scale",
         "azure":{"subscriptionId":"00000000-0000-4000-8000-0000000a2e5d",
                  "resourceGroup":"neon-sandbox-rg","resourceName":"fabrikam-scale"},
         "dryRun":false,"replaceOrgApiKeys":true}""";
    HttpResponse<String> started = call("POST", api + "/migrations", OPERATOR_TOKEN, body);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);

    // the destination is on free: Neon wants a higher plan first
    awaitStatus(api, source, s -> "plan-upgrade".equals(s.path("awaitingGate").asText(null)));
    assertThat(neon.setPlan(destination, "scale")).isPresent();
    assertThat(approve(api, source, "plan-upgrade", APPROVER_TOKEN).statusCode()).isEqualTo(202);

    JsonNode waiting =
        awaitStatus(api, source, s -> "azure-deletion".equals(s.path("awaitingGate").asText(null)));
    assertThat(waiting.path("projects").path("transferred").asInt()).isEqualTo(12);
    assertThat(simulators.arm().state().deletions()).isEmpty();
    assertThat(approve(api, source, "azure-deletion", OPERATOR_TOKEN).statusCode()).isEqualTo(403);
    assertThat(approve(api, source, "azure-deletion", APPROVER_TOKEN).statusCode()).isEqualTo(202);

    awaitStatus(api, source, s -> "COMPLETED".equals(s.path("step").asText()));
    JsonNode report =
        JSON.readTree(
            call("GET", api + "/migrations/" + source + "/report", VIEWER_TOKEN, null).body());
    assertThat(report.get("azureResourceDeleted").asBoolean()).isTrue();
    assertThat(report.get("approvals").findValuesAsText("approver"))
        .containsOnly("bob@example.com");

    // the simulators' own state: every project in the destination, the resource deleted empty
    assertThat(neon.projectIds(destination)).containsAll(projects);
    for (String project : projects) {
      assertThat(neon.project(project).map(NeonModel.Project::orgId)).hasValue(destination);
    }
    List<ArmState.Deletion> deletions = simulators.arm().state().deletions();
    assertThat(deletions).hasSize(1);
    assertThat(deletions.get(0).orgId()).isEqualTo(source);
    assertThat(deletions.get(0).projectsInOrg()).isZero();
    assertThat(simulators.arm().state().resources())
        .noneMatch(r -> r.name().equals("fabrikam-scale"));

    List<String> createdOrgKeys = neon.orgKeys(destination).stream().map(k -> k.token()).toList();
    assertThat(createdOrgKeys).as("replacement keys created in %s", destination).isNotEmpty();
    List<String> secrets = new ArrayList<>();
    secrets.addAll(List.of(NEON_KEY, ARM_TOKEN, OPERATOR_TOKEN, APPROVER_TOKEN, VIEWER_TOKEN));
    secrets.addAll(sourceOrgKeys);
    secrets.addAll(createdOrgKeys);
    assertThat(worker.output()).contains("Worker polling task queue neon-migrations");
    for (ShippedJarProcess p : processes) {
      assertLogsAtInfoWithoutSecrets(p, secrets);
    }
  }

  @Test
  void theShippedApiWithNoTokenConfigurationRefusesTheSandboxTokens(TestInfo test)
      throws Exception {
    runDir = runDir(test);
    String api = startApi(null);

    for (String token : SANDBOX_TOKENS) {
      for (HttpResponse<String> answer :
          List.of(
              call("GET", api + "/migrations/org-az-contoso-free", token, null),
              call("GET", api + "/migrations", token, null),
              call("POST", api + "/migrations", token, "{}"))) {
        assertThat(answer.statusCode())
            .as("%s %s with %s", answer.request().method(), answer.uri(), token)
            .isEqualTo(401);
        assertThat(answer.headers().firstValue("Content-Type").orElse(""))
            .as("%s %s with %s", answer.request().method(), answer.uri(), token)
            .contains("application/problem+json");
      }
    }
    assertThat(processes.get(0).output()).doesNotContain("well-known sandbox tokens");
  }

  @Test
  void theSandboxKeepsItsOwnLoggingConfigurationInWhichNoRequestLoggerIsBelowInfo()
      throws IOException {
    // three logback.xml (sandbox, worker, api) are on the sandbox's classpath; its own comes first
    // here and is the one its shaded jar keeps
    byte[] own = Files.readAllBytes(Path.of("target", "classes", "logback.xml"));
    try (JarFile sandboxJar = new JarFile(jar("sandbox.jar"))) {
      byte[] shipped = sandboxJar.getInputStream(sandboxJar.getEntry("logback.xml")).readAllBytes();
      assertThat(shipped).isEqualTo(own);
    }
    for (String name :
        List.of(
            Logger.ROOT_LOGGER_NAME,
            "io.micronaut.http.client.netty.DefaultHttpClient",
            "io.micronaut.http.server.netty.RoutingInBoundHandler",
            "io.micronaut.security.token.bearer.BearerTokenReader",
            "io.grpc.netty.shaded.io.grpc.netty.NettyClientHandler",
            "io.netty.handler.logging.LoggingHandler",
            "reactor.netty.http.client.HttpClient",
            "com.azure.core.http.policy.HttpLoggingPolicy")) {
      assertThat(LoggerFactory.getLogger(name).isDebugEnabled()).as(name).isFalse();
    }
  }

  private ShippedJarProcess startWorker() throws IOException, InterruptedException {
    int port = ShippedJarProcess.freePort();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("TEMPORAL_ADDRESS", temporal.target());
    env.put("NEON_API_URL", simulators.neon().baseUrl());
    env.put("NEON_API_KEY", NEON_KEY);
    env.put("AZURE_ARM_URL", simulators.arm().baseUrl());
    // a fixed bearer token instead of Entra ID: what the ARM simulator accepts
    env.put("AZURE_STATIC_TOKEN", ARM_TOKEN);
    env.put("API_KEYS_DROP_DIR", runDir.resolve("api-keys").toString());
    env.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
    ShippedJarProcess worker = start("worker", Path.of(jar("worker.jar")), env);
    worker.awaitReady(
        "http://127.0.0.1:" + port + "/health",
        r -> r.statusCode() == 200 && r.body().contains("\"UP\""),
        START_TIMEOUT);
    return worker;
  }

  /** Starts the API, with the tokens of {@code tokensFile} when given; answers its base URL. */
  private String startApi(Path tokensFile) throws IOException, InterruptedException {
    int port = ShippedJarProcess.freePort();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("TEMPORAL_ADDRESS", temporal.target());
    env.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
    if (tokensFile != null) {
      env.put("MICRONAUT_CONFIG_FILES", tokensFile.toString());
    }
    ShippedJarProcess api = start("api", Path.of(jar("api.jar")), env);
    String url = "http://127.0.0.1:" + port;
    api.awaitReady(url + "/health", r -> r.statusCode() == 200, START_TIMEOUT);
    return url;
  }

  private ShippedJarProcess start(String name, Path jar, Map<String, String> env)
      throws IOException {
    ShippedJarProcess p = ShippedJarProcess.start(name, jar, env, runDir.resolve(name + ".log"));
    processes.add(p);
    return p;
  }

  /** Three people's tokens as docker/api-tokens.example.yml lays them out (hashes only). */
  private Path tokensFile() throws IOException {
    String yaml =
        """
        neonmigrate:
          api:
            tokens:
              alice-operator:
                sha256: %s
                subject: alice@example.com
                roles: [operator]
              bob-approver:
                sha256: %s
                subject: bob@example.com
                roles: [approver]
              dashboards:
                sha256: %s
                subject: dashboards
                roles: [viewer]
        """
            .formatted(sha256(OPERATOR_TOKEN), sha256(APPROVER_TOKEN), sha256(VIEWER_TOKEN));
    Path file = runDir.resolve("api-tokens.yml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  private static void assertLogsAtInfoWithoutSecrets(ShippedJarProcess p, List<String> secrets) {
    String output = p.output();
    assertThat(output).as("%s output", p.name()).isNotBlank();
    for (String secret : secrets) {
      assertThat(output.contains(secret))
          .as("%s output (%s) contains a secret", p.name(), p.logFile())
          .isFalse();
    }
    assertThat(output.lines().filter(line -> BELOW_INFO.matcher(line).find()).limit(5).toList())
        .as("%s output below INFO", p.name())
        .isEmpty();
  }

  private static JsonNode awaitStatus(String api, String id, Predicate<JsonNode> condition)
      throws Exception {
    long deadline = System.nanoTime() + GATE_TIMEOUT.toNanos();
    JsonNode status = null;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response = call("GET", api + "/migrations/" + id, VIEWER_TOKEN, null);
      if (response.statusCode() == 200) {
        status = JSON.readTree(response.body());
        if (condition.test(status)) {
          return status;
        }
        assertThat(status.path("step").asText()).as(status.toString()).isNotEqualTo("FAILED");
      }
      Thread.sleep(200);
    }
    throw new AssertionError("status of " + id + " never matched; last: " + status);
  }

  private static HttpResponse<String> approve(String api, String id, String gate, String token)
      throws Exception {
    return call(
        "POST",
        api + "/migrations/" + id + "/approvals",
        token,
        "{\"gate\":\"" + gate + "\",\"comment\":\"checked\"}");
  }

  private static HttpResponse<String> call(String method, String url, String token, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Path runDir(TestInfo test) throws IOException {
    Path dir =
        Path.of(System.getProperty("shipped-jars.log-dir", "target/shipped-jars"))
            .resolve(test.getTestMethod().orElseThrow().getName());
    Files.createDirectories(dir);
    return dir.toAbsolutePath();
  }

  /** The jar's path, handed over by the build (see sandbox/pom.xml). */
  private static String jar(String property) {
    String path = System.getProperty(property);
    if (path == null) {
      throw new IllegalStateException(
          "system property " + property + " is not set: run with mvn verify (failsafe)");
    }
    return path;
  }

  private static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
