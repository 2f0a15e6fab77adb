package org.neonmigrate.sandbox.neon;

import java.util.List;
import java.util.Map;
import org.neonmigrate.sandbox.neon.NeonModel.ApiKey;
import org.neonmigrate.sandbox.neon.NeonModel.Endpoint;
import org.neonmigrate.sandbox.neon.NeonModel.Invitation;
import org.neonmigrate.sandbox.neon.NeonModel.Membership;
import org.neonmigrate.sandbox.neon.NeonModel.Org;
import org.neonmigrate.sandbox.neon.NeonModel.Permission;
import org.neonmigrate.sandbox.neon.NeonModel.Project;
import org.neonmigrate.sandbox.neon.NeonModel.User;

/**
 * Request and response bodies of the Neon API v2, shaped after the published spec (field names map
 * to snake_case through the simulator's naming strategy).
 */
public final class NeonBodies {
  private NeonBodies() {}

  public record GeneralError(String code, String message, String requestId) {}

  public record AuthDetails(String accountId, String authMethod) {}

  public record Organization(
      String id,
      String name,
      String handle,
      String plan,
      String createdAt,
      String updatedAt,
      String managedBy) {
    static Organization of(Org org) {
      return new Organization(
          org.id(),
          org.name(),
          org.handle(),
          org.plan(),
          org.createdAt(),
          org.updatedAt(),
          org.managedBy());
    }
  }

  public record Organizations(List<Organization> organizations) {}

  public record ProjectListItem(
      String id,
      String name,
      String platformId,
      String regionId,
      int pgVersion,
      String proxyHost,
      long activeTime,
      long branchLogicalSizeLimit,
      long branchLogicalSizeLimitBytes,
      String provisioner,
      boolean storePasswords,
      long cpuUsedSec,
      String creationSource,
      String createdAt,
      String updatedAt,
      String ownerId,
      String orgId,
      String orgName) {
    static ProjectListItem of(Project p, Org org) {
      return new ProjectListItem(
          p.id(),
          p.name(),
          "aws",
          p.regionId(),
          p.pgVersion(),
          NeonBodies.proxyHost(p),
          0,
          512,
          512L * 1024 * 1024,
          "k8s-neonvm",
          true,
          0,
          "console",
          p.createdAt(),
          p.createdAt(),
          p.ownerId(),
          p.orgId(),
          org == null ? null : org.name());
    }
  }

  public record Pagination(String cursor) {}

  public record ProjectsPage(
      List<ProjectListItem> projects,
      Pagination pagination,
      Map<String, List<String>> applications,
      Map<String, List<String>> integrations) {}

  public record ProjectBody(
      String id,
      String name,
      String platformId,
      String regionId,
      int pgVersion,
      String proxyHost,
      long branchLogicalSizeLimit,
      long branchLogicalSizeLimitBytes,
      boolean storePasswords,
      long cpuUsedSec,
      String provisioner,
      String creationSource,
      int historyRetentionSeconds,
      String createdAt,
      String updatedAt,
      String ownerId,
      String orgId,
      String consumptionPeriodStart,
      String consumptionPeriodEnd,
      long activeTimeSeconds,
      long computeTimeSeconds,
      long writtenDataBytes,
      long dataTransferBytes,
      long dataStorageBytesHour) {
    static ProjectBody of(Project p) {
      return new ProjectBody(
          p.id(),
          p.name(),
          "aws",
          p.regionId(),
          p.pgVersion(),
          NeonBodies.proxyHost(p),
          512,
          512L * 1024 * 1024,
          true,
          0,
          "k8s-neonvm",
          "console",
          86400,
          p.createdAt(),
          p.createdAt(),
          p.ownerId(),
          p.orgId(),
          "2026-11-01T00:00:00Z",
          "2026-12-01T00:00:00Z",
          0,
          0,
          0,
          0,
          0);
    }
  }

  public record ProjectEnvelope(ProjectBody project) {}

  public record EndpointBody(
      String host,
      String id,
      String projectId,
      String branchId,
      String regionId,
      double autoscalingLimitMinCu,
      double autoscalingLimitMaxCu,
      String type,
      String currentState,
      boolean poolerEnabled,
      String poolerMode,
      boolean disabled,
      boolean passwordlessAccess,
      String creationSource,
      String createdAt,
      String updatedAt,
      Map<String, Object> settings,
      String proxyHost,
      long suspendTimeoutSeconds,
      String provisioner) {
    static EndpointBody of(Endpoint e) {
      return new EndpointBody(
          e.host(),
          e.id(),
          e.projectId(),
          e.branchId(),
          e.regionId(),
          0.25,
          2,
          e.type(),
          "idle",
          false,
          "transaction",
          false,
          false,
          "console",
          e.createdAt(),
          e.createdAt(),
          Map.of(),
          e.regionId() + ".aws.neon.tech",
          0,
          "k8s-neonvm");
    }
  }

  public record Endpoints(List<EndpointBody> endpoints) {}

  public record TransferRequest(String destinationOrgId, List<String> projectIds) {}

  public record LimitsUnsatisfied(List<TransferOutcome.Limit> limits) {}

  public record ProjectsWithIntegration(List<TransferOutcome.Blocked> projects) {}

  public record Empty() {}

  public record MemberBody(String id, String userId, String orgId, String role, String joinedAt) {
    static MemberBody of(Membership m) {
      return new MemberBody(m.id(), m.userId(), m.orgId(), m.role(), m.joinedAt());
    }
  }

  public record MemberUser(String email) {}

  public record MemberWithUser(MemberBody member, MemberUser user) {
    static MemberWithUser of(Membership m, User u) {
      return new MemberWithUser(MemberBody.of(m), new MemberUser(u.email()));
    }
  }

  public record CursorPagination(String next, String sortBy, String sortOrder) {}

  public record MembersPage(List<MemberWithUser> members, CursorPagination pagination) {}

  public record InvitationBody(
      String id, String email, String orgId, String invitedBy, String invitedAt, String role) {
    static InvitationBody of(Invitation i) {
      return new InvitationBody(
          i.id(), i.email(), i.orgId(), i.invitedBy(), i.invitedAt(), i.role());
    }
  }

  public record Invitations(List<InvitationBody> invitations) {}

  public record InviteRequest(String email, String role) {}

  public record InvitesRequest(List<InviteRequest> invitations) {}

  public record PermissionBody(String id, String grantedToEmail, String grantedAt) {
    static PermissionBody of(Permission p) {
      return new PermissionBody(p.id(), p.email(), p.grantedAt());
    }
  }

  public record ProjectPermissions(List<PermissionBody> projectPermissions) {}

  public record GrantRequest(String email) {}

  public record KeyCreator(String id, String name, String image) {}

  public record OrgKeyListItem(
      long id,
      String name,
      String createdAt,
      KeyCreator createdBy,
      String lastUsedFromAddr,
      String projectId) {
    static OrgKeyListItem of(ApiKey key, User creator) {
      return new OrgKeyListItem(
          key.id(),
          key.name(),
          key.createdAt(),
          new KeyCreator(key.userId(), creator == null ? "" : creator.name(), ""),
          "",
          key.projectId());
    }
  }

  public record OrgKeyCreateRequest(String keyName, String projectId) {}

  public record OrgKeyCreated(
      long id, String key, String name, String createdAt, String createdBy, String projectId) {}

  public record OrgKeyRevoked(
      long id,
      String name,
      String createdAt,
      String createdBy,
      String lastUsedFromAddr,
      boolean revoked,
      String projectId) {
    static OrgKeyRevoked of(ApiKey key) {
      return new OrgKeyRevoked(
          key.id(), key.name(), key.createdAt(), key.userId(), "", key.revoked(), key.projectId());
    }
  }

  static String proxyHost(Project p) {
    return p.regionId() + ".aws.neon.tech";
  }
}
