package org.neonmigrate.sandbox.arm;

import java.util.List;
import java.util.Map;

/** ARM JSON bodies (camelCase, as ARM writes them). */
public final class ArmBodies {
  private ArmBodies() {}

  public record ErrorDetail(String code, String message) {}

  public record ErrorResponse(ErrorDetail error) {}

  /** {@code OrganizationResourceListResult}: one page, and the link to the next if any. */
  public record OrganizationList(List<OrganizationResource> value, String nextLink) {}

  /**
   * What {@code GET /subscriptions/{sub}/providers/Neon.Postgres} answers (Microsoft.Resources).
   */
  public record Provider(
      String id,
      String namespace,
      String registrationState,
      String registrationPolicy,
      List<ProviderResourceType> resourceTypes) {}

  public record ProviderResourceType(
      String resourceType,
      List<String> locations,
      List<String> apiVersions,
      String defaultApiVersion,
      String capabilities) {}

  public record PartnerOrganizationProperties(String organizationId, String organizationName) {}

  public record OrganizationProperties(
      Map<String, Object> marketplaceDetails,
      Map<String, Object> userDetails,
      Map<String, Object> companyDetails,
      String provisioningState,
      PartnerOrganizationProperties partnerOrganizationProperties) {}

  public record OrganizationResource(
      String id, String name, String type, String location, OrganizationProperties properties) {
    static OrganizationResource of(ArmState.Resource r) {
      return of(r, true);
    }

    static OrganizationResource of(ArmState.Resource r, boolean withPartnerBlock) {
      return new OrganizationResource(
          r.id(),
          r.name(),
          "Neon.Postgres/organizations",
          r.location(),
          new OrganizationProperties(
              Map.of(
                  "subscriptionId",
                  "saas-" + r.name(),
                  "subscriptionStatus",
                  "Subscribed",
                  "offerDetails",
                  Map.of(
                      "publisherId", "neon1722366567200",
                      "offerId", "neon_serverless_postgres_azure_prod",
                      "planId", "neon_serverless_postgres_azure_prod_free")),
              Map.of(
                  "firstName", "Sandbox", "lastName", "Admin", "emailAddress", "admin@example.com"),
              Map.of("companyName", r.orgName()),
              r.provisioningState(),
              withPartnerBlock ? new PartnerOrganizationProperties(r.orgId(), r.orgName()) : null));
    }
  }
}
