package org.neonmigrate.sandbox.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.neonmigrate.sandbox.SandboxOptions;

class LoadOptionsTest {

  @Test
  void theDefaultsAreAThousandOrgsFiftyReadersAndAMinute() throws Exception {
    LoadOptions options = LoadOptions.parse("--temporal", "in-memory");

    assertThat(options.orgs()).isEqualTo(1000);
    assertThat(options.clients()).isEqualTo(50);
    assertThat(options.durationS()).isEqualTo(60);
    assertThat(options.temporalFallback()).isNull();
    BenchOptions bench = options.bench();
    assertThat(bench.orgs()).isEqualTo(1000);
    assertThat(bench.driver()).isEqualTo("rest");
    assertThat(bench.temporal()).isEqualTo("in-memory");
  }

  @Test
  void badFlagsAreRefusedNamingTheFlag() {
    assertThatThrownBy(() -> LoadOptions.parse("--clients", "0"))
        .isInstanceOf(SandboxOptions.BadFlag.class)
        .hasMessageContaining("--clients");
    assertThatThrownBy(() -> LoadOptions.parse("--temporal", "nowhere"))
        .isInstanceOf(SandboxOptions.BadFlag.class)
        .hasMessageContaining("--temporal");
    assertThatThrownBy(() -> LoadOptions.parse("--orgs"))
        .isInstanceOf(SandboxOptions.BadFlag.class)
        .hasMessageContaining("needs a value");
  }

  @Test
  void percentilesAreByNearestRank() {
    long[] sorted = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};

    assertThat(ReadLoad.percentile(sorted, 50)).isEqualTo(50);
    assertThat(ReadLoad.percentile(sorted, 90)).isEqualTo(90);
    assertThat(ReadLoad.percentile(sorted, 99)).isEqualTo(100);
    assertThat(ReadLoad.percentile(new long[] {7}, 99)).isEqualTo(7);
    assertThat(ReadLoad.percentile(new long[0], 50)).isZero();
  }
}
