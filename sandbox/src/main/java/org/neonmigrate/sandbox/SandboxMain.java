package org.neonmigrate.sandbox;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.neonmigrate.sandbox.arm.ArmSimulator;
import org.neonmigrate.sandbox.bench.BenchMain;
import org.neonmigrate.sandbox.bench.LoadTestMain;
import org.neonmigrate.sandbox.rehearse.RehearseMain;
import org.neonmigrate.sandbox.seed.MigrationExample;
import org.neonmigrate.sandbox.seed.SandboxSeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the whole system locally: {@code java -jar neonmigrate-sandbox.jar [flags]}. */
public final class SandboxMain {
  private static final Logger log = LoggerFactory.getLogger(SandboxMain.class);

  private SandboxMain() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("bench")) {
      System.exit(BenchMain.run(Arrays.copyOfRange(args, 1, args.length)));
      return;
    }
    if (args.length > 0 && args[0].equals("rehearse")) {
      System.exit(RehearseMain.run(Arrays.copyOfRange(args, 1, args.length)));
      return;
    }
    if (args.length > 0 && args[0].equals("loadtest")) {
      System.exit(LoadTestMain.run(Arrays.copyOfRange(args, 1, args.length)));
      return;
    }
    SandboxOptions options;
    try {
      options = SandboxOptions.parse(args);
    } catch (SandboxOptions.BadFlag e) {
      System.err.println("error: " + e.getMessage());
      System.err.println("Run with --help for the list of flags.");
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.print(SandboxOptions.USAGE);
      return;
    }
    long begin = System.nanoTime();
    Sandbox sandbox;
    try {
      sandbox = Sandbox.start(options);
    } catch (IOException e) {
      System.err.println("error: could not start the sandbox: " + e.getMessage());
      System.err.println("Is another process using one of the ports? See --help for port flags.");
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "sandbox-shutdown"));
    log.info("sandbox started in {} ms", (System.nanoTime() - begin) / 1_000_000);
    printQuickStart(System.out, sandbox);
  }

  static void printQuickStart(PrintStream out, Sandbox sandbox) {
    Simulators sims = sandbox.simulators();
    String neon = sims.neon().baseUrl();
    String neonAdmin = sims.neon().adminUrl();
    String arm = sims.arm().baseUrl();
    String key = sandbox.options().apiKey();
    out.println();
    out.println("neonmigrate sandbox is running (Ctrl+C to stop)");
    out.println("  Temporal frontend : " + sandbox.temporal().target() + " (namespace default)");
    out.println("  Temporal server   : " + sandbox.temporal().description());
    sandbox.temporal().webUiUrl().ifPresent(url -> out.println("  Temporal Web UI   : " + url));
    out.println("  Payload encryption: " + sandbox.encryptionDescription());
    out.println("  Neon API          : " + neon);
    out.println("  Neon sim admin    : " + neonAdmin);
    out.println("  Azure ARM         : " + arm + " (Bearer " + ArmSimulator.DEFAULT_TOKEN + ")");
    out.println(
        "  Neon API key      : " + key + " (personal key of " + SandboxSeed.DEMO_ADMIN_EMAIL + ")");
    out.println(
        "  Worker            : "
            + sandbox
                .workerUrl()
                .map(u -> u + "/health, " + u + "/prometheus")
                .orElse("not started (--no-worker)"));
    out.println(
        "  REST API          : "
            + sandbox
                .apiUrl()
                .map(u -> u + "/migrations, " + u + "/swagger-ui/index.html")
                .orElse("not started (--no-api)"));
    if (sandbox.apiUrl().isPresent()) {
      out.println(
          "  API tokens        : sandbox-operator (start, cancel), sandbox-approver (approve,"
              + " reject), sandbox-viewer (read)");
    }
    if (sandbox.payloadProtection().isEncrypted() && sandbox.codecEndpoint().isPresent()) {
      String codec = sandbox.codecEndpoint().get();
      out.println("  Codec server      : " + codec + " (any API token that may read)");
      sandbox
          .temporal()
          .webUiUrl()
          .ifPresent(
              ui ->
                  out.println(
                      "    Web UI decoding : sign in at "
                          + codec
                          + "/session with sandbox-viewer; in the Web UI's codec settings use"
                          + " my browser setting, endpoint "
                          + codec
                          + ", and tick \"Include cross-origin credentials\""));
      out.println(
          "    temporal CLI    : --codec-endpoint "
              + codec
              + " --codec-auth 'Bearer sandbox-viewer'");
    }
    out.println(
        "  Azure subscription: "
            + SandboxSeed.SUBSCRIPTION_ID
            + ", resource group "
            + SandboxSeed.RESOURCE_GROUP);
    if (!sandbox.options().seed().synthetic()) {
      out.println(
          "  Strays (fleet plan): subscription "
              + SandboxSeed.STRAYS_SUBSCRIPTION_ID
              + " (a resource of an org the key cannot see, one Deleting), and "
              + SandboxSeed.ORPHAN_ORG_ID
              + " without a resource");
    }
    out.println();
    out.println("Seeded Azure-managed orgs -> Neon-managed counterparts:");
    for (MigrationExample e : sims.examples()) {
      out.println("  " + e.sourceOrgId() + " -> " + e.destinationOrgId());
    }
    out.println();
    out.println("Try:");
    out.println("  export NEON_API_URL=" + neon + " NEON_API_KEY=" + key + " AZURE_ARM_URL=" + arm);
    out.println(
        "  curl -s -H 'Authorization: Bearer " + key + "' " + neon + "/users/me/organizations");
    if (!sims.examples().isEmpty()) {
      out.println(
          "  curl -s -H 'Authorization: Bearer "
              + key
              + "' '"
              + neon
              + "/projects?org_id="
              + sims.examples().get(0).sourceOrgId()
              + "&limit=5'");
    }
    if (sandbox.apiUrl().isPresent() && !sims.examples().isEmpty()) {
      String api = sandbox.apiUrl().get();
      MigrationExample first = sims.examples().get(0);
      out.println(
          "  curl -s -X POST "
              + api
              + "/migrations -H 'Authorization: Bearer sandbox-operator'"
              + " -H 'Content-Type: application/json' -d '"
              + apiBody(first)
              + "'");
      out.println(
          "  curl -s "
              + api
              + "/migrations/"
              + first.sourceOrgId()
              + " -H 'Authorization: Bearer sandbox-viewer'");
      out.println("  # plan the whole demo fleet (reads only), then read it as batch CSV");
      out.println(
          "  curl -s -X POST "
              + api
              + "/fleet/plan -H 'Authorization: Bearer sandbox-operator'"
              + " -H 'Content-Type: application/json' -d '"
              + fleetPlanBody(sims.examples())
              + "'");
      out.println(
          "  curl -s "
              + api
              + "/fleet/plans/demo -H 'Authorization: Bearer sandbox-viewer' -H 'Accept: text/csv'");
    }
    out.println("  curl -s " + neonAdmin + "/examples        # OrgMigration inputs");
    out.println("  curl -s " + neonAdmin + "/calls           # call log");
    out.println(
        "  curl -s -H 'Authorization: Bearer "
            + ArmSimulator.DEFAULT_TOKEN
            + "' '"
            + arm
            + "/subscriptions/"
            + SandboxSeed.SUBSCRIPTION_ID
            + "/resourceGroups/"
            + SandboxSeed.RESOURCE_GROUP
            + "/providers/Neon.Postgres/organizations/contoso-free?api-version="
            + ArmSimulator.API_VERSION
            + "'");
    out.println();
  }

  /**
   * A fleet plan of both demo subscriptions (the second holds the strays), each seeded org into its
   * Neon-managed counterpart by name.
   */
  static String fleetPlanBody(List<MigrationExample> examples) {
    String mapping =
        examples.stream()
            .map(e -> "\"%s\":\"%s\"".formatted(e.azure().resourceName(), e.destinationOrgId()))
            .collect(Collectors.joining(","));
    return ("{\"planId\":\"demo\",\"subscriptionIds\":[\"%s\",\"%s\"],"
            + "\"destination\":{\"rule\":\"by-name\",\"mapping\":{%s}}}")
        .formatted(SandboxSeed.SUBSCRIPTION_ID, SandboxSeed.STRAYS_SUBSCRIPTION_ID, mapping);
  }

  /** The REST API's start body: the contract's input without requestedBy (the token names it). */
  static String apiBody(MigrationExample e) {
    return "{\"sourceOrgId\":\"%s\",\"destinationOrgId\":\"%s\",\"azure\":{\"subscriptionId\":\"%s\",\"resourceGroup\":\"%s\",\"resourceName\":\"%s\"},\"dryRun\":false}"
        .formatted(
            e.sourceOrgId(),
            e.destinationOrgId(),
            e.azure().subscriptionId(),
            e.azure().resourceGroup(),
            e.azure().resourceName());
  }
}
