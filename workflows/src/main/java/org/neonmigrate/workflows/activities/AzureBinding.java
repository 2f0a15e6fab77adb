package org.neonmigrate.workflows.activities;

/**
 * What DISCOVER proved about the Azure resource: its ARM id and the Neon org it belongs to.
 *
 * @param resourceId the resource's ARM id as ARM wrote it; the deletion is bound to this id
 * @param organizationId the Neon org id ARM names in {@code partnerOrganizationProperties}
 * @param provisioningState ARM's provisioning state when it was read
 * @param proof how the binding was proven, in words an operator can check
 */
public record AzureBinding(
    String resourceId, String organizationId, String provisioningState, String proof) {}
