package org.neonmigrate.sandbox.neon;

import java.util.List;

/** The simulator's state records: what Neon stores, not what its API returns. */
public final class NeonModel {
  private NeonModel() {}

  /** {@code managedBy} is "console" for Neon-managed orgs, anything else for external ones. */
  public record Org(
      String id,
      String name,
      String handle,
      String plan,
      String managedBy,
      String createdAt,
      String updatedAt) {
    public Org withPlan(String newPlan, String now) {
      return new Org(id, name, handle, newPlan, managedBy, createdAt, now);
    }
  }

  public record User(String id, String email, String name) {}

  public record Project(
      String id,
      String name,
      String orgId,
      String regionId,
      int pgVersion,
      String createdAt,
      String ownerId,
      List<String> integrations) {
    public Project withOrg(String newOrgId) {
      return new Project(id, name, newOrgId, regionId, pgVersion, createdAt, ownerId, integrations);
    }

    public Project withIntegrations(List<String> newIntegrations) {
      return new Project(
          id, name, orgId, regionId, pgVersion, createdAt, ownerId, List.copyOf(newIntegrations));
    }
  }

  public record Endpoint(
      String id,
      String projectId,
      String branchId,
      String host,
      String regionId,
      String type,
      String createdAt) {}

  public record Membership(String id, String userId, String orgId, String role, String joinedAt) {}

  public record Invitation(
      String id, String email, String orgId, String invitedBy, String invitedAt, String role) {}

  public record Permission(String id, String projectId, String email, String grantedAt) {}

  /** A personal key has no {@code orgId}; an org key has one. Tokens never leave the store. */
  public record ApiKey(
      long id,
      String token,
      String name,
      String orgId,
      String userId,
      String projectId,
      String createdAt,
      boolean revoked) {
    public boolean personal() {
      return orgId == null;
    }

    public ApiKey revoke() {
      return new ApiKey(id, token, name, orgId, userId, projectId, createdAt, true);
    }
  }
}
