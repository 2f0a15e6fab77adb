package org.neonmigrate.workflows.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neonmigrate.workflows.migration.OrgSummary;

class FleetPairingTest {

  private static final String SUB = "6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
  private static final OrgSummary AZ_ONE = new OrgSummary("org-az-one", "one", "scale", "azure");
  private static final OrgSummary AZ_TWO = new OrgSummary("org-az-two", "two", "free", "azure");
  private static final OrgSummary NM_ONE =
      new OrgSummary("org-nm-one", "neon-managed-one", "scale", "console");
  private static final OrgSummary VERCEL =
      new OrgSummary("org-vercel", "vercel-one", "scale", "vercel");

  @Test
  void aResourceIsPairedByThePartnerOrgIdNotByItsName() {
    FleetPairing.Result result =
        pair(
            List.of(resource("renamed-in-azure", "org-az-one", "Succeeded")),
            List.of(AZ_ONE, NM_ONE),
            new DestinationRule(DestinationRule.BY_NAME, null, Map.of("one", "org-nm-one")));

    assertThat(result.strays()).isEmpty();
    FleetPairing.Candidate only = result.candidates().get(0);
    assertThat(only.source()).isEqualTo(AZ_ONE);
    assertThat(only.resource().resourceName()).isEqualTo("renamed-in-azure");
    assertThat(only.destination()).isEqualTo(NM_ONE);
    assertThat(only.notes()).isEmpty();
  }

  @Test
  void resourcesThatCannotBeRowsAreStraysEachWithItsKind() {
    FleetPairing.Result result =
        pair(
            List.of(
                resource("no-partner", null, "Succeeded"),
                resource("neon-managed", "org-nm-one", "Succeeded"),
                resource("first", "org-az-one", "Succeeded"),
                resource("second", "org-az-one", "Succeeded"),
                resource("going", "org-az-two", "deleting"),
                resource("elsewhere", "org-az-unseen", "Succeeded")),
            List.of(AZ_ONE, AZ_TWO, NM_ONE, VERCEL),
            new DestinationRule(DestinationRule.NONE, null, null));

    assertThat(result.candidates())
        .extracting(c -> c.resource().resourceName())
        .containsExactly("first");
    assertThat(result.strays())
        .extracting(FleetStray::resourceName, FleetStray::kind)
        .containsExactly(
            tuple("no-partner", FleetStray.Kind.ORG_NOT_VISIBLE),
            tuple("neon-managed", FleetStray.Kind.ORG_NEON_MANAGED),
            tuple("second", FleetStray.Kind.DUPLICATE_RESOURCE),
            tuple("going", FleetStray.Kind.RESOURCE_DELETING),
            tuple("elsewhere", FleetStray.Kind.ORG_NOT_VISIBLE),
            // externally managed, seen by the key, named by no resource
            tuple(null, FleetStray.Kind.NO_AZURE_RESOURCE));
    assertThat(result.strays().get(5).orgId()).isEqualTo("org-vercel");
  }

  @Test
  void aDestinationTheRuleGivesIsCheckedAgainstWhatTheKeySees() {
    List<OrgSummary> visible = List.of(AZ_ONE, AZ_TWO, NM_ONE);
    List<AzureOrgResource> both =
        List.of(resource("one", "org-az-one", "Succeeded"), resource("two", "org-az-two", null));

    assertThat(notes(pair(both, visible, single("org-nm-unknown"))))
        .allMatch(n -> n.contains("cannot see destination org-nm-unknown"));
    assertThat(notes(pair(both, visible, single("org-az-two"))))
        .containsExactly(
            "destination org-az-two is managed by azure, not Neon-managed: pick a Neon-managed org",
            "the destination is the source org itself: pick a Neon-managed org");
    assertThat(
            notes(
                pair(
                    both,
                    visible,
                    new DestinationRule(
                        DestinationRule.BY_NAME, null, Map.of("one", "org-nm-one")))))
        .containsExactly("no destination: the mapping has no entry for name 'two'");
  }

  private static List<String> notes(FleetPairing.Result result) {
    return result.candidates().stream().flatMap(c -> c.notes().stream()).toList();
  }

  private static DestinationRule single(String orgId) {
    return new DestinationRule(DestinationRule.SINGLE, orgId, null);
  }

  private static FleetPairing.Result pair(
      List<AzureOrgResource> resources, List<OrgSummary> visible, DestinationRule rule) {
    return FleetPairing.pair(resources, visible, rule, List.of(SUB));
  }

  private static AzureOrgResource resource(String name, String orgId, String state) {
    return new AzureOrgResource(SUB, "rg", name, orgId, null, state);
  }
}
