package org.neonmigrate.activities;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.neonmigrate.activities.azure.ArmClient;
import org.neonmigrate.activities.azure.ArmOrganization;
import org.neonmigrate.activities.azure.ArmOrganizationList;
import org.neonmigrate.activities.neon.NeonClient;
import org.neonmigrate.workflows.fleet.AzureOrgPage;
import org.neonmigrate.workflows.fleet.AzureOrgPageInput;
import org.neonmigrate.workflows.fleet.AzureOrgResource;
import org.neonmigrate.workflows.fleet.FleetPlanActivities;
import org.neonmigrate.workflows.fleet.NeonOrgList;
import org.neonmigrate.workflows.fleet.NeonOrgListInput;
import org.neonmigrate.workflows.fleet.OrgFacts;
import org.neonmigrate.workflows.fleet.OrgFactsInput;
import org.neonmigrate.workflows.fleet.OrgFactsList;
import org.neonmigrate.workflows.migration.OrgSummary;

/**
 * The fleet plan's reads, through the same ARM client and the same budgeted Neon client as the
 * migration's activities. Nothing here writes.
 */
@Singleton
public class FleetPlanActivitiesImpl implements FleetPlanActivities {

  private static final String RESOURCE_GROUPS = "/resourcegroups/";

  private final NeonClient neon;
  private final ArmClient arm;

  public FleetPlanActivitiesImpl(NeonClient neon, ArmClient arm) {
    this.neon = neon;
    this.arm = arm;
  }

  @Override
  public AzureOrgPage listAzureOrganizations(AzureOrgPageInput input) {
    ArmOrganizationList page = arm.organizationsPage(input.subscriptionId(), input.nextLink());
    List<AzureOrgResource> resources = new ArrayList<>();
    for (ArmOrganization resource : page.value()) {
      ArmOrganization.PartnerOrganization partner =
          resource.properties() == null
              ? null
              : resource.properties().partnerOrganizationProperties();
      resources.add(
          new AzureOrgResource(
              input.subscriptionId(),
              resourceGroupOf(resource.id()),
              resource.name(),
              resource.neonOrganizationId(),
              partner == null ? null : partner.organizationName(),
              resource.provisioningState()));
    }
    String next = page.nextLink() == null || page.nextLink().isBlank() ? null : page.nextLink();
    return new AzureOrgPage(resources, next);
  }

  @Override
  public NeonOrgList listNeonOrganizations(NeonOrgListInput input) {
    Set<String> wanted =
        new HashSet<>(input.neonManagedWanted() == null ? List.of() : input.neonManagedWanted());
    return new NeonOrgList(
        neon.myOrganizations().stream()
            .filter(
                org ->
                    !DiscoveryActivitiesImpl.NEON_MANAGED.equals(org.managedBy())
                        || wanted.contains(org.id()))
            .map(org -> new OrgSummary(org.id(), org.name(), org.plan(), org.managedBy()))
            .toList());
  }

  @Override
  public OrgFactsList readOrgFacts(OrgFactsInput input) {
    List<OrgFacts> facts = new ArrayList<>();
    for (OrgFactsInput.Wanted org : input.orgs()) {
      ActivityHeartbeat.beat();
      Requests.requireOrgIds(org.orgId());
      // the discovery's reading of blockers: a project listed with any integration
      SourceListing listing = SourceListing.of(neon.allProjectPages(org.orgId()));
      int members = neon.allMembers(org.orgId()).size();
      Optional<String> upgrade =
          org.destinationPlan() == null
              ? Optional.empty()
              : PlanTier.upgradeReason(org.plan(), org.destinationPlan(), org.destinationOrgId());
      facts.add(
          new OrgFacts(
              org.orgId(),
              listing.projects().size(),
              members,
              listing.blockers(),
              sufficient(org.plan(), org.destinationPlan()),
              upgrade.orElse(null)));
    }
    return new OrgFactsList(facts);
  }

  /** Whether the destination's plan ranks at least as high; null when that cannot be told. */
  static Boolean sufficient(String plan, String destinationPlan) {
    Optional<PlanTier> source = PlanTier.of(plan);
    Optional<PlanTier> destination = PlanTier.of(destinationPlan);
    if (source.isEmpty() || destination.isEmpty()) {
      return null;
    }
    return destination.get().compareTo(source.get()) >= 0;
  }

  /** ARM ids are {@code /subscriptions/{s}/resourceGroups/{rg}/providers/...}, any case. */
  static String resourceGroupOf(String id) {
    if (id == null) {
      return null;
    }
    int at = id.toLowerCase(Locale.ROOT).indexOf(RESOURCE_GROUPS);
    if (at < 0) {
      return null;
    }
    int from = at + RESOURCE_GROUPS.length();
    int to = id.indexOf('/', from);
    return to < 0 ? id.substring(from) : id.substring(from, to);
  }
}
