package org.neonmigrate.workflows.fleet;

/**
 * A {@code Neon.Postgres/organizations} resource as a listing shows it.
 *
 * @param neonOrgId {@code properties.partnerOrganizationProperties.organizationId}; null if absent
 */
public record AzureOrgResource(
    String subscriptionId,
    String resourceGroup,
    String resourceName,
    String neonOrgId,
    String neonOrgName,
    String provisioningState) {}
