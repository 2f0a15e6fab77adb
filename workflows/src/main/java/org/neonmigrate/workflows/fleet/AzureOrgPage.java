package org.neonmigrate.workflows.fleet;

import java.util.List;

/**
 * @param nextLink ARM's link to the next page, null on the last
 */
public record AzureOrgPage(List<AzureOrgResource> resources, String nextLink) {}
