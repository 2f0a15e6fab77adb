package org.neonmigrate.activities.azure;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The parts of a {@code Neon.Postgres/organizations} resource the deletion checks. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArmOrganization(String id, String name, String type, Properties properties) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Properties(
      String provisioningState, PartnerOrganization partnerOrganizationProperties) {}

  /** The Neon side of the resource: {@code organizationId} is the Neon org id. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record PartnerOrganization(String organizationId, String organizationName) {}

  public String provisioningState() {
    return properties == null ? null : properties.provisioningState();
  }

  public String neonOrganizationId() {
    return properties == null || properties.partnerOrganizationProperties() == null
        ? null
        : properties.partnerOrganizationProperties().organizationId();
  }
}
