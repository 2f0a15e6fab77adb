package org.neonmigrate.activities.azure;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.client.annotation.Client;

/**
 * ARM calls on {@code Neon.Postgres/organizations}, returning whole responses (a bare body type
 * would turn 404 into null). The bearer token is a parameter rather than a filter because fetching
 * it may block on Entra ID, which must not happen on the event loop.
 */
@Client(value = ArmApi.URL, configuration = ArmHttpClientConfiguration.class)
@Header(name = HttpHeaders.ACCEPT, value = MediaType.APPLICATION_JSON)
public interface ArmApi {

  String URL = "${azure.arm.url:" + ArmConfiguration.DEFAULT_URL + "}";

  String RESOURCE =
      "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}"
          + "/providers/Neon.Postgres/organizations/{name}";

  String BY_SUBSCRIPTION = "/subscriptions/{subscriptionId}/providers/Neon.Postgres/organizations";

  /** The first page of the subscription's resources; later pages follow {@code nextLink}. */
  @Get(BY_SUBSCRIPTION)
  HttpResponse<ArmOrganizationList> organizations(
      @PathVariable String subscriptionId,
      @QueryValue("api-version") String apiVersion,
      @Header(HttpHeaders.AUTHORIZATION) String authorization);

  @Get(RESOURCE)
  HttpResponse<ArmOrganization> organization(
      @PathVariable String subscriptionId,
      @PathVariable String resourceGroup,
      @PathVariable String name,
      @QueryValue("api-version") String apiVersion,
      @Header(HttpHeaders.AUTHORIZATION) String authorization);

  /** 202 with Location and Retry-After while deleting; 200/204 when done or already gone. */
  @Delete(RESOURCE)
  HttpResponse<String> delete(
      @PathVariable String subscriptionId,
      @PathVariable String resourceGroup,
      @PathVariable String name,
      @QueryValue("api-version") String apiVersion,
      @Header(HttpHeaders.AUTHORIZATION) String authorization);
}
