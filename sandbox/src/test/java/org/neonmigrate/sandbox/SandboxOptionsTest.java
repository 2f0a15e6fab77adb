package org.neonmigrate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neonmigrate.sandbox.temporal.TemporalSettings;
import org.neonmigrate.sandbox.temporal.TemporalSettings.Choice;

class SandboxOptionsTest {

  @Test
  void noFlagsMeansTheDocumentedDefaults() throws Exception {
    SandboxOptions o = SandboxOptions.parse();

    assertThat(o.neonPort()).isEqualTo(4010);
    assertThat(o.armPort()).isEqualTo(4011);
    assertThat(o.temporalPort()).isEqualTo(7233);
    assertThat(o.apiKey()).isEqualTo("neon-sandbox-key");
    assertThat(o.taskQueue()).isEqualTo("neon-migrations");
    assertThat(o.rateLimits().perMinute()).isEqualTo(700);
    assertThat(o.rateLimits().burstPerSecond()).isEqualTo(40);
    assertThat(o.seed().synthetic()).isFalse();
    assertThat(o.noWorker()).isFalse();
    assertThat(o.temporal().choice()).isEqualTo(Choice.AUTO);
    assertThat(o.temporal().uiPort()).isEqualTo(8233);
    assertThat(o.temporal().cli()).isEmpty();
    assertThat(o.temporal().dataDir())
        .isEqualTo(Path.of(System.getProperty("user.home"), ".neonmigrate", "sandbox-temporal"));
    assertThat(o.temporal().address()).isEmpty();
  }

  @Test
  void theTemporalFlagsPickTheServerAndWhereItLives(@TempDir Path dir) throws Exception {
    Path cli = dir.resolve("temporal");
    Files.writeString(cli, "#!/bin/sh\n");
    Files.setPosixFilePermissions(cli, PosixFilePermissions.fromString("rwx------"));

    TemporalSettings named =
        SandboxOptions.parse(
                "--temporal-cli",
                cli.toString(),
                "--temporal-port",
                "7300",
                "--temporal-dir",
                dir.resolve("data").toString())
            .temporal();
    assertThat(named.choice()).as("a named CLI is not silently replaced").isEqualTo(Choice.CLI);
    assertThat(named.cli()).hasValue(cli.toAbsolutePath());
    assertThat(named.uiPort()).as("1000 above the frontend, as the CLI does").isEqualTo(8300);
    assertThat(named.dataDir()).isEqualTo(dir.resolve("data"));

    TemporalSettings free = SandboxOptions.parse("--temporal-port", "0").temporal();
    assertThat(free.uiPort()).isZero();
    assertThat(SandboxOptions.parse("--temporal-ui-port", "9000").temporal().uiPort())
        .isEqualTo(9000);
    assertThat(SandboxOptions.parse("--temporal", "in-memory").temporal().choice())
        .isEqualTo(Choice.IN_MEMORY);
    assertThat(SandboxOptions.parse("--temporal", "cli").temporal().choice()).isEqualTo(Choice.CLI);

    TemporalSettings existing =
        SandboxOptions.parse("--temporal-address", "temporal.internal:7233").temporal();
    assertThat(existing.choice()).isEqualTo(Choice.EXISTING);
    assertThat(existing.address()).hasValue("temporal.internal:7233");
  }

  @Test
  void temporalFlagsThatWouldHaveNoEffectAreRefused(@TempDir Path dir) {
    assertThatThrownBy(() -> SandboxOptions.parse("--temporal", "docker"))
        .hasMessageContaining("auto, cli or in-memory");
    assertThatThrownBy(
            () -> SandboxOptions.parse("--temporal-cli", dir.resolve("missing").toString()))
        .hasMessageContaining("not an executable file");
    assertThatThrownBy(() -> SandboxOptions.parse("--temporal", "in-memory", "--temporal-dir", "x"))
        .hasMessageContaining("--temporal-dir has no effect with --temporal in-memory");
    assertThatThrownBy(
            () -> SandboxOptions.parse("--temporal-address", "h:7233", "--temporal-port", "7300"))
        .hasMessageContaining("--temporal-port has no effect with --temporal-address");
    assertThatThrownBy(() -> SandboxOptions.parse("--temporal-address", "h"))
        .hasMessageContaining("HOST:PORT");
    assertThatThrownBy(() -> SandboxOptions.parse("--temporal-port", "65000"))
        .hasMessageContaining("--temporal-ui-port");
    assertThatThrownBy(
            () -> SandboxOptions.parse("--temporal-port", "7300", "--temporal-ui-port", "7300"))
        .hasMessageContaining("must differ");
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
            "--task-queue",
            "wave-7",
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
    assertThat(o.taskQueue()).isEqualTo("wave-7");
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
    assertThatThrownBy(() -> SandboxOptions.parse("--task-queue", "a b"))
        .hasMessageContaining("--task-queue")
        .hasMessageContaining("whitespace");
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
