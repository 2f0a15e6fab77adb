package org.neonmigrate.activities.neon;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.client.annotation.Client;
import java.util.List;
import org.neonmigrate.activities.neon.model.AuthDetails;
import org.neonmigrate.activities.neon.model.CreatedOrgApiKey;
import org.neonmigrate.activities.neon.model.EndpointList;
import org.neonmigrate.activities.neon.model.InvitationList;
import org.neonmigrate.activities.neon.model.InvitationRequest;
import org.neonmigrate.activities.neon.model.MemberList;
import org.neonmigrate.activities.neon.model.NeonOrganization;
import org.neonmigrate.activities.neon.model.NeonOrganizationList;
import org.neonmigrate.activities.neon.model.OrgApiKey;
import org.neonmigrate.activities.neon.model.OrgApiKeyRequest;
import org.neonmigrate.activities.neon.model.PermissionGrant;
import org.neonmigrate.activities.neon.model.ProjectListPage;
import org.neonmigrate.activities.neon.model.ProjectPermission;
import org.neonmigrate.activities.neon.model.ProjectPermissionList;
import org.neonmigrate.activities.neon.model.ProjectResponse;
import org.neonmigrate.activities.neon.model.TransferRequest;

/**
 * The Neon API v2 calls the migration makes. Callers go through {@link NeonClient}, which spends
 * the rate budget and maps failures. Every method returns the whole {@link HttpResponse}: with a
 * bare body type Micronaut turns a 404 into {@code null}, which would hide "not found".
 */
@Client(value = NeonApi.URL, configuration = NeonHttpClientConfiguration.class)
@NeonAuthenticated
@Header(name = HttpHeaders.ACCEPT, value = MediaType.APPLICATION_JSON)
public interface NeonApi {

  String URL = "${neon.api.url:" + NeonApiConfiguration.DEFAULT_URL + "}";

  @Get("/auth")
  HttpResponse<AuthDetails> auth();

  @Get("/users/me/organizations")
  HttpResponse<NeonOrganizationList> myOrganizations();

  @Get("/organizations/{orgId}")
  HttpResponse<NeonOrganization> organization(@PathVariable String orgId);

  @Get("/projects")
  HttpResponse<ProjectListPage> projects(
      @QueryValue("org_id") String orgId,
      @QueryValue("limit") int limit,
      @Nullable @QueryValue("cursor") String cursor);

  @Get("/projects/{projectId}")
  HttpResponse<ProjectResponse> project(@PathVariable String projectId);

  @Get("/projects/{projectId}/endpoints")
  HttpResponse<EndpointList> endpoints(@PathVariable String projectId);

  /** 200 {} on success; 406 and 422 arrive as exceptions carrying their bodies. */
  @Post("/organizations/{sourceOrgId}/projects/transfer")
  HttpResponse<String> transfer(@PathVariable String sourceOrgId, @Body TransferRequest request);

  @Get("/organizations/{orgId}/members")
  HttpResponse<MemberList> members(
      @PathVariable String orgId,
      @QueryValue("limit") int limit,
      @Nullable @QueryValue("cursor") String cursor);

  @Get("/organizations/{orgId}/invitations")
  HttpResponse<InvitationList> invitations(@PathVariable String orgId);

  @Post("/organizations/{orgId}/invitations")
  HttpResponse<InvitationList> invite(@PathVariable String orgId, @Body InvitationRequest request);

  @Get("/projects/{projectId}/permissions")
  HttpResponse<ProjectPermissionList> permissions(@PathVariable String projectId);

  @Post("/projects/{projectId}/permissions")
  HttpResponse<ProjectPermission> grant(
      @PathVariable String projectId, @Body PermissionGrant grant);

  @Get("/organizations/{orgId}/api_keys")
  HttpResponse<List<OrgApiKey>> orgApiKeys(@PathVariable String orgId);

  @Post("/organizations/{orgId}/api_keys")
  HttpResponse<CreatedOrgApiKey> createOrgApiKey(
      @PathVariable String orgId, @Body OrgApiKeyRequest request);
}
