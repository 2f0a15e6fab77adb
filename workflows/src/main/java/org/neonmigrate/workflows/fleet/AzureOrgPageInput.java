package org.neonmigrate.workflows.fleet;

/**
 * @param nextLink null for the first page, else the previous page's {@code nextLink}
 */
public record AzureOrgPageInput(String subscriptionId, String nextLink) {}
