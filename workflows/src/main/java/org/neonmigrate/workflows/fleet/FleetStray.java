package org.neonmigrate.workflows.fleet;

/**
 * Something the plan found that cannot become a row, and why. Fields that do not apply are null.
 */
public record FleetStray(
    Kind kind,
    String orgId,
    String orgName,
    String subscriptionId,
    String resourceGroup,
    String resourceName,
    String reason) {

  public enum Kind {
    /** An Azure-managed org the key sees, with no resource in the given subscriptions. */
    NO_AZURE_RESOURCE,
    /** A resource whose org the key cannot see (or that names no org). */
    ORG_NOT_VISIBLE,
    /** A resource whose {@code provisioningState} is Deleting: its projects are at risk. */
    RESOURCE_DELETING,
    /** A resource naming a Neon-managed org: there is nothing to move off Azure. */
    ORG_NEON_MANAGED,
    /** A second resource naming an org another resource already names. */
    DUPLICATE_RESOURCE
  }
}
