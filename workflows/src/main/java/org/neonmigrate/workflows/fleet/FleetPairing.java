package org.neonmigrate.workflows.fleet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neonmigrate.workflows.migration.OrgSummary;

/**
 * Pairs the Azure resources with the Neon orgs the key sees, by the resource's {@code
 * partnerOrganizationProperties.organizationId}. Plain Java, apart from Temporal, so that it can be
 * tested alone.
 */
final class FleetPairing {

  /** The Neon value of {@code managed_by} for orgs made in the Console or the API. */
  static final String NEON_MANAGED = "console";

  static final String DELETING = "Deleting";

  /** An org with its resource, and where it goes. */
  record Candidate(
      AzureOrgResource resource,
      OrgSummary source,
      String destinationOrgId,
      OrgSummary destination,
      List<String> notes) {}

  record Result(List<Candidate> candidates, List<FleetStray> strays) {}

  private FleetPairing() {}

  static Result pair(
      List<AzureOrgResource> resources,
      List<OrgSummary> visible,
      DestinationRule rule,
      List<String> subscriptionIds) {
    Map<String, OrgSummary> orgs = new LinkedHashMap<>();
    for (OrgSummary org : visible) {
      orgs.putIfAbsent(org.id(), org);
    }
    Set<String> named = new HashSet<>();
    Set<String> paired = new HashSet<>();
    List<Candidate> candidates = new ArrayList<>();
    List<FleetStray> strays = new ArrayList<>();
    for (AzureOrgResource resource : resources) {
      String orgId = blankToNull(resource.neonOrgId());
      if (orgId != null) {
        named.add(orgId);
      }
      OrgSummary org = orgId == null ? null : orgs.get(orgId);
      if (DELETING.equalsIgnoreCase(resource.provisioningState())) {
        strays.add(
            stray(
                FleetStray.Kind.RESOURCE_DELETING,
                resource,
                org,
                "provisioningState is Deleting: someone is deleting this resource, which deletes"
                    + " its Neon org and every project still in it; look at it in the Azure"
                    + " portal"));
      } else if (orgId == null) {
        strays.add(
            stray(
                FleetStray.Kind.ORG_NOT_VISIBLE,
                resource,
                null,
                "the resource names no Neon org (no"
                    + " properties.partnerOrganizationProperties.organizationId), so it cannot be"
                    + " paired; look at it in the Azure portal"));
      } else if (org == null) {
        strays.add(
            stray(
                FleetStray.Kind.ORG_NOT_VISIBLE,
                resource,
                null,
                "the Neon key cannot see org "
                    + orgId
                    + ": make the key's user an admin of it, or plan it with another key"));
      } else if (NEON_MANAGED.equals(org.managedBy())) {
        strays.add(
            stray(
                FleetStray.Kind.ORG_NEON_MANAGED,
                resource,
                org,
                "org " + orgId + " is Neon-managed (managed_by console): nothing to move"));
      } else if (!paired.add(orgId)) {
        strays.add(
            stray(
                FleetStray.Kind.DUPLICATE_RESOURCE,
                resource,
                org,
                "another resource of the plan already names org "
                    + orgId
                    + "; only the first"
                    + " is planned"));
      } else {
        candidates.add(candidate(resource, org, rule, orgs));
      }
    }
    for (OrgSummary org : orgs.values()) {
      if (!NEON_MANAGED.equals(org.managedBy()) && !named.contains(org.id())) {
        strays.add(
            new FleetStray(
                FleetStray.Kind.NO_AZURE_RESOURCE,
                org.id(),
                org.name(),
                null,
                null,
                null,
                "Azure-managed (managed_by "
                    + org.managedBy()
                    + ") but no Neon.Postgres/organizations resource in subscriptions "
                    + String.join(", ", subscriptionIds)
                    + " names it: its resource may be in another subscription (add that one)"));
      }
    }
    return new Result(candidates, strays);
  }

  private static Candidate candidate(
      AzureOrgResource resource,
      OrgSummary source,
      DestinationRule rule,
      Map<String, OrgSummary> orgs) {
    List<String> notes = new ArrayList<>();
    String destinationId = blankToNull(rule.destinationFor(source.name()));
    OrgSummary destination = destinationId == null ? null : orgs.get(destinationId);
    if (destinationId == null) {
      notes.add(
          DestinationRule.BY_NAME.equals(rule.rule())
              ? "no destination: the mapping has no entry for name '" + source.name() + "'"
              : "no destination yet: fill in destinationOrgId");
    } else if (destinationId.equals(source.id())) {
      notes.add("the destination is the source org itself: pick a Neon-managed org");
    } else if (destination == null) {
      notes.add(
          "the Neon key cannot see destination "
              + destinationId
              + ": check the id, and that the key's user is its admin");
    } else if (!NEON_MANAGED.equals(destination.managedBy())) {
      notes.add(
          "destination "
              + destinationId
              + " is managed by "
              + destination.managedBy()
              + ", not Neon-managed: pick a Neon-managed org");
    }
    return new Candidate(resource, source, destinationId, destination, notes);
  }

  private static FleetStray stray(
      FleetStray.Kind kind, AzureOrgResource resource, OrgSummary org, String reason) {
    return new FleetStray(
        kind,
        resource.neonOrgId(),
        org != null ? org.name() : resource.neonOrgName(),
        resource.subscriptionId(),
        resource.resourceGroup(),
        resource.resourceName(),
        reason);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
