package org.neonmigrate.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neonmigrate.activities.neon.model.Endpoint;

class EndpointDigestTest {

  private static final Endpoint RW = new Endpoint("ep-a", "ep-a.eastus2.azure.neon.tech");
  private static final Endpoint RO = new Endpoint("ep-b", "ep-b.eastus2.azure.neon.tech");

  @Test
  void isShortHexAndIndependentOfOrder() {
    String digest = EndpointDigest.of(List.of(RW, RO));
    assertThat(digest).hasSize(16).matches("[0-9a-f]{16}");
    assertThat(EndpointDigest.of(List.of(RO, RW))).isEqualTo(digest);
  }

  @Test
  void changesWhenAHostChanges() {
    Endpoint moved = new Endpoint("ep-a", "ep-a.westus3.azure.neon.tech");
    assertThat(EndpointDigest.of(List.of(moved, RO)))
        .isNotEqualTo(EndpointDigest.of(List.of(RW, RO)));
  }

  @Test
  void changesWhenAnEndpointDisappears() {
    assertThat(EndpointDigest.of(List.of(RW))).isNotEqualTo(EndpointDigest.of(List.of(RW, RO)));
    assertThat(EndpointDigest.of(List.of())).hasSize(16);
  }
}
