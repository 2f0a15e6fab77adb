package org.neonmigrate.sandbox.seed;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A ready-to-use OrgMigration input, in the contract's camelCase JSON. */
public record MigrationExample(
    @JsonProperty("sourceOrgId") String sourceOrgId,
    @JsonProperty("destinationOrgId") String destinationOrgId,
    @JsonProperty("azure") Azure azure,
    @JsonProperty("dryRun") boolean dryRun,
    @JsonProperty("requestedBy") String requestedBy) {

  /** Where the Azure resource of the source org lives. */
  public record Azure(
      @JsonProperty("subscriptionId") String subscriptionId,
      @JsonProperty("resourceGroup") String resourceGroup,
      @JsonProperty("resourceName") String resourceName) {}
}
