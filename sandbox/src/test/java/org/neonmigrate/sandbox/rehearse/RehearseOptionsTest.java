package org.neonmigrate.sandbox.rehearse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neonmigrate.sandbox.SandboxOptions.BadFlag;

class RehearseOptionsTest {

  @Test
  void theIssuesCommandLineParses() throws BadFlag {
    RehearseOptions o =
        RehearseOptions.parse(
            "--orgs", "100",
            "--kill-worker-every", "20s",
            "--restart-temporal-at", "60s,2m",
            "--lose-responses", "0.1",
            "--neon-errors", "0.1");

    assertThat(o.orgs()).isEqualTo(100);
    assertThat(o.killWorkerEvery()).isEqualTo(Duration.ofSeconds(20));
    assertThat(o.restartTemporalAt())
        .containsExactly(Duration.ofSeconds(60), Duration.ofMinutes(2));
    assertThat(o.loseResponses()).isEqualTo(0.1);
    assertThat(o.neonErrors()).isEqualTo(0.1);
    assertThat(o.workers()).isEqualTo(2);
    assertThat(o.temporal()).isEqualTo("auto");
  }

  @Test
  void durationsTakeUnitsOrPlainSeconds() throws BadFlag {
    assertThat(RehearseOptions.duration("f", "500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(RehearseOptions.duration("f", "45")).isEqualTo(Duration.ofSeconds(45));
    assertThat(RehearseOptions.duration("f", "3m")).isEqualTo(Duration.ofMinutes(3));
    assertThat(RehearseOptions.duration("f", "1h")).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void badFlagsAreRefusedWithTheirName() {
    for (List<String> args :
        List.of(
            List.of("--orgs", "0"),
            List.of("--orgs", "many"),
            List.of("--lose-responses", "1"),
            List.of("--lose-responses", "-0.1"),
            List.of("--neon-errors", "NaN"),
            List.of("--kill-worker-every", "20x"),
            List.of("--restart-temporal-at", "0s"),
            List.of("--temporal", "docker"),
            List.of("--deadline", "0"),
            List.of("--orgs"),
            List.of("--frobnicate", "1"))) {
      assertThatThrownBy(() -> RehearseOptions.parse(args.toArray(String[]::new)))
          .as(args.toString())
          .isInstanceOf(BadFlag.class)
          .hasMessageContaining(args.get(0));
    }
  }
}
