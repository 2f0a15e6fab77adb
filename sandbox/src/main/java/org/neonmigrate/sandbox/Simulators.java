package org.neonmigrate.sandbox;

import java.io.IOException;
import java.util.List;
import org.neonmigrate.sandbox.arm.ArmSimulator;
import org.neonmigrate.sandbox.arm.ArmState;
import org.neonmigrate.sandbox.neon.Faults;
import org.neonmigrate.sandbox.neon.NeonAdmin;
import org.neonmigrate.sandbox.neon.NeonApiError;
import org.neonmigrate.sandbox.neon.NeonSimulator;
import org.neonmigrate.sandbox.neon.NeonState;
import org.neonmigrate.sandbox.neon.PlanCatalog;
import org.neonmigrate.sandbox.neon.RateLimits;
import org.neonmigrate.sandbox.seed.MigrationExample;
import org.neonmigrate.sandbox.seed.SandboxSeed;
import org.neonmigrate.sandbox.seed.SeedSpec;

/**
 * Both simulators over one linked state, seeded, with the seeding routes ({@code POST /_sim/seed},
 * {@code GET /_sim/examples}, {@code GET /_sim/examples/{sourceOrgId}}) added to the Neon admin
 * API.
 */
public final class Simulators implements AutoCloseable {

  /** How to start the simulators; ports may be 0 for ephemeral ones. */
  public record Settings(
      int neonPort,
      int armPort,
      String armToken,
      RateLimits.Settings rateLimits,
      Faults.Settings faults,
      SeedSpec seed) {

    /** Ephemeral ports, Neon's documented rate limits, no faults, demo data: what tests want. */
    public static Settings forTests() {
      return new Settings(
          0,
          0,
          ArmSimulator.DEFAULT_TOKEN,
          RateLimits.Settings.neonDefaults(),
          Faults.Settings.none(),
          SeedSpec.demo(SeedSpec.DEFAULT_API_KEY));
    }
  }

  private final NeonState neonState = new NeonState();
  private final ArmState armState = new ArmState(neonState);
  private final Settings settings;
  private final NeonSimulator neon;
  private final ArmSimulator arm;
  private volatile List<MigrationExample> examples = List.of();

  private Simulators(Settings settings) {
    this.settings = settings;
    neon = new NeonSimulator(neonState, settings.rateLimits(), 4242);
    neon.faults().update(settings.faults());
    arm = new ArmSimulator(armState, settings.armToken());
    NeonAdmin admin = neon.admin();
    admin.add("GET", "/examples", r -> NeonAdmin.ok(examples));
    // one input as it is, for a shell without jq: IN=$(curl -s .../_sim/examples/<org>)
    admin.add(
        "GET",
        "/examples/{source_org_id}",
        r -> NeonAdmin.ok(example(r.pathParam("source_org_id"))));
    admin.add("POST", "/seed", r -> NeonAdmin.ok(seed(admin.body(r, SeedSpec.class))));
    admin.add("POST", "/reset", r -> NeonAdmin.ok(reset()));
  }

  /** Seeds, then binds both simulators. */
  public static Simulators start(Settings settings) throws IOException {
    Simulators simulators = new Simulators(settings);
    simulators.seed(settings.seed());
    try {
      simulators.neon.start(settings.neonPort());
      simulators.arm.start(settings.armPort());
    } catch (IOException e) {
      simulators.close();
      throw e;
    }
    return simulators;
  }

  /** Replaces all state with freshly seeded data and returns the new migration inputs. */
  public synchronized List<MigrationExample> seed(SeedSpec spec) {
    SandboxSeed.Seeded seeded = SandboxSeed.apply(neonState, armState, spec);
    neon.admin().useProjectFactory(seeded.projectFactory());
    neon.calls().clear();
    arm.calls().clear();
    examples = seeded.examples();
    return examples;
  }

  /** Back to how the simulators started: seed, faults, rate limits, plan limits, ARM settings. */
  public synchronized List<MigrationExample> reset() {
    neon.faults().clear();
    neon.faults().update(settings.faults());
    neon.rateLimits().update(settings.rateLimits());
    arm.resetSettings();
    neonState.setPlans(PlanCatalog.defaults());
    return seed(settings.seed());
  }

  public NeonSimulator neon() {
    return neon;
  }

  public ArmSimulator arm() {
    return arm;
  }

  public List<MigrationExample> examples() {
    return examples;
  }

  private MigrationExample example(String sourceOrgId) {
    return examples.stream()
        .filter(e -> e.sourceOrgId().equals(sourceOrgId))
        .findFirst()
        .orElseThrow(() -> NeonApiError.notFound("no example migrates " + sourceOrgId));
  }

  @Override
  public void close() {
    neon.close();
    arm.close();
  }
}
