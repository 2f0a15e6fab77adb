package org.neonmigrate.workflows.migration;

/** The {@code Neon.Postgres/organizations} resource that bills the Azure-managed org. */
public record AzureResource(String subscriptionId, String resourceGroup, String resourceName) {}
