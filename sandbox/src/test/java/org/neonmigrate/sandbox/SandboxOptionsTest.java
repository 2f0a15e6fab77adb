package org.neonmigrate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SandboxOptionsTest {

  @Test
  void noFlagsMeansTheDocumentedDefaults() throws Exception {
    SandboxOptions o = SandboxOptions.parse();

    assertThat(o.neonPort()).isEqualTo(4010);
    assertThat(o.armPort()).isEqualTo(4011);
    assertThat(o.temporalPort()).isEqualTo(7233);
    assertThat(o.apiKey()).isEqualTo("neon-sandbox-key");
    assertThat(o.rateLimits().perMinute()).isEqualTo(700);
    assertThat(o.rateLimits().burstPerSecond()).isEqualTo(40);
    assertThat(o.seed().synthetic()).isFalse();
    assertThat(o.noWorker()).isFalse();
  }

  @Test
  void everyFlagIsParsed() throws Exception {
    SandboxOptions o =
        SandboxOptions.parse(
            "--neon-port",
            "5010",
            "--arm-port",
            "5011",
            "--temporal-port",
            "0",
            "--api-key",
            "k",
            "--rate-per-minute",
            "100",
            "--burst-per-second",
            "5",
            "--fault-500",
            "0.1",
            "--fault-503",
            "0.2",
            "--fault-429",
            "0.3",
            "--latency-ms",
            "50",
            "--orgs",
            "3",
            "--projects",
            "20",
            "--members",
            "4",
            "--no-worker",
            "--no-api");

    assertThat(o.simulators().neonPort()).isEqualTo(5010);
    assertThat(o.faults())
        .isEqualTo(new org.neonmigrate.sandbox.neon.Faults.Settings(0.1, 0.2, 0.3, 50));
    assertThat(o.seed().orgs()).isEqualTo(3);
    assertThat(o.seed().apiKey()).isEqualTo("k");
    assertThat(o.noWorker()).isTrue();
    assertThat(o.noApi()).isTrue();
  }

  @Test
  void badFlagsAreReportedPlainly() {
    assertThatThrownBy(() -> SandboxOptions.parse("--neon-port", "x"))
        .isInstanceOf(SandboxOptions.BadFlag.class)
        .hasMessageContaining("--neon-port");
    assertThatThrownBy(() -> SandboxOptions.parse("--fault-500", "2"))
        .hasMessageContaining("0 and 1");
    assertThatThrownBy(() -> SandboxOptions.parse("--wat")).hasMessageContaining("--wat");
    assertThatThrownBy(() -> SandboxOptions.parse("--orgs")).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> SandboxOptions.parse("--projects", "5"))
        .hasMessageContaining("--orgs");
  }

  @Test
  void aSyntheticSeedBuildsTheAskedForScale() throws Exception {
    Simulators.Settings settings =
        SandboxOptions.parse(
                "--neon-port",
                "0",
                "--arm-port",
                "0",
                "--orgs",
                "3",
                "--projects",
                "30",
                "--members",
                "4")
            .simulators();
    try (Simulators sims = Simulators.start(settings)) {
      assertThat(sims.examples()).hasSize(3);
      String source = sims.examples().get(0).sourceOrgId();
      assertThat(sims.neon().state().projectCount(source)).isEqualTo(30);
      assertThat(sims.neon().state().members(source)).hasSize(4);
      assertThat(sims.arm().state().resources()).hasSize(3);
    }
  }
}
