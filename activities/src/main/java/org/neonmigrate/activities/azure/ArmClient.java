package org.neonmigrate.activities.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.neonmigrate.activities.ActivityHeartbeat;
import org.neonmigrate.activities.http.RetryAfter;
import org.neonmigrate.workflows.activities.MigrationFailure;
import org.neonmigrate.workflows.fleet.FleetPlanFailure;
import org.neonmigrate.workflows.migration.AzureResource;

/**
 * The Azure resource's life as the deletion sees it (read, delete, poll the operation), and the
 * listing of a subscription's resources for a fleet plan.
 */
@Singleton
public class ArmClient {

  static final String SCOPE = "https://management.azure.com/.default";

  /** What a DELETE or a poll of its operation says. */
  public sealed interface DeletionState {
    /** Still running: poll {@code location} again after {@code retryAfter} (if ARM gave one). */
    record Running(String location, Optional<Duration> retryAfter) implements DeletionState {}

    /** The operation finished and the resource is gone. */
    record Done() implements DeletionState {}

    /** The resource did not exist (DELETE 204, or 404). */
    record Gone() implements DeletionState {}
  }

  private final ArmApi api;
  private final HttpClient operations;
  private final TokenCredential credential;
  private final ArmConfiguration configuration;
  private final ObjectMapper json;
  private final URI origin;
  private final Clock clock = Clock.systemUTC();

  public ArmClient(
      ArmApi api,
      @Client(value = ArmApi.URL, configuration = ArmHttpClientConfiguration.class)
          HttpClient operations,
      @Named("arm") TokenCredential credential,
      ArmConfiguration configuration,
      ObjectMapper json) {
    this.api = api;
    this.operations = operations;
    this.credential = credential;
    this.configuration = configuration;
    this.json = json;
    this.origin = URI.create(configuration.url());
  }

  /** What a GET of the resource says: the resource, or ARM's 404 with its error code. */
  public sealed interface Lookup {
    record Found(ArmOrganization organization) implements Lookup {}

    /**
     * ARM answered 404. Only {@link #RESOURCE_NOT_FOUND} says the resource itself does not exist;
     * {@code ResourceGroupNotFound}, {@code SubscriptionNotFound}, an unknown code or no body at
     * all (a proxy) say nothing about it.
     */
    record Missing(String code, String message) implements Lookup {
      public boolean resourceItselfIsGone() {
        return RESOURCE_NOT_FOUND.equals(code);
      }
    }
  }

  /** ARM's error code for a resource that does not exist (its group and subscription do). */
  public static final String RESOURCE_NOT_FOUND = "ResourceNotFound";

  /** The ARM id of the resource the request names; ARM compares ids case-insensitively. */
  public static String resourceId(AzureResource resource) {
    return "/subscriptions/"
        + resource.subscriptionId()
        + "/resourceGroups/"
        + resource.resourceGroup()
        + "/providers/Neon.Postgres/organizations/"
        + resource.resourceName();
  }

  /** GET of the resource; a 404 comes back as {@link Lookup.Missing} with ARM's error code. */
  public Lookup lookup(AzureResource resource) {
    String bearer = bearer();
    String action = "GET " + describe(resource);
    HttpResponse<ArmOrganization> response =
        exchange(
            action,
            () ->
                api.organization(
                    resource.subscriptionId(),
                    resource.resourceGroup(),
                    resource.resourceName(),
                    configuration.apiVersion(),
                    bearer));
    if (response.code() == 404) {
      ArmError error = readError(response);
      return error == null || error.error() == null
          ? new Lookup.Missing(null, null)
          : new Lookup.Missing(error.error().code(), error.error().message());
    }
    requireSuccess(action, response);
    if (response.code() != 200) {
      throw ArmFailures.fromStatus(action + " (expected 200)", 502, null, null, clock);
    }
    ArmOrganization body;
    try {
      body = response.getBody().orElse(null);
    } catch (RuntimeException unreadable) {
      body = null;
    }
    if (body == null) {
      throw ArmFailures.malformed(action + " answered 200 without a readable resource body");
    }
    return new Lookup.Found(body);
  }

  public DeletionState delete(AzureResource resource) {
    String bearer = bearer();
    String action = "DELETE " + describe(resource);
    HttpResponse<String> response =
        exchange(
            action,
            () ->
                api.delete(
                    resource.subscriptionId(),
                    resource.resourceGroup(),
                    resource.resourceName(),
                    configuration.apiVersion(),
                    bearer));
    return toState(action, response, null);
  }

  /** One poll of the operation's Location; 404 means the resource is gone. */
  public DeletionState poll(String location) {
    URI uri = sameOrigin(location);
    String bearer = bearer();
    String action = "GET operation status";
    HttpResponse<String> response =
        exchange(
            action,
            () ->
                operations
                    .toBlocking()
                    .exchange(
                        HttpRequest.GET(uri).header(HttpHeaders.AUTHORIZATION, bearer),
                        String.class));
    return toState(action, response, location);
  }

  private DeletionState toState(String action, HttpResponse<?> response, String pollingLocation) {
    int status = response.code();
    if (status == 404) {
      return new DeletionState.Gone();
    }
    requireSuccess(action, response);
    if (status == 202) {
      String location = response.getHeaders().get(HttpHeaders.LOCATION);
      if (location == null || location.isBlank()) {
        location = pollingLocation;
      }
      if (location == null) {
        throw MigrationFailure.AzureDeletionFailed.failure(
            action + " answered 202 without a Location to poll");
      }
      sameOrigin(location);
      return new DeletionState.Running(
          location, RetryAfter.parse(response.getHeaders().get(HttpHeaders.RETRY_AFTER), clock));
    }
    if (status == 204 && pollingLocation == null) {
      return new DeletionState.Gone();
    }
    return new DeletionState.Done();
  }

  @SuppressWarnings("unchecked")
  private <B> HttpResponse<B> exchange(String action, Supplier<HttpResponse<B>> request) {
    // a slow answer must not look like a lost worker to the activity's heartbeat timeout
    return ActivityHeartbeat.keepingAlive(
        () -> {
          try {
            return request.get();
          } catch (HttpClientResponseException e) {
            // only its status, headers and raw text are read, never a typed body
            return (HttpResponse<B>) e.getResponse();
          } catch (HttpClientException e) {
            throw ArmFailures.unreachable(action, e);
          }
        });
  }

  private void requireSuccess(String action, HttpResponse<?> response) {
    int status = response.code();
    if (status < 200 || status >= 300) {
      throw ArmFailures.fromStatus(
          action,
          status,
          readError(response),
          response.getHeaders().get(HttpHeaders.RETRY_AFTER),
          clock);
    }
  }

  /** Status URLs on another origin would receive our token: refuse to follow them. */
  URI sameOrigin(String location) {
    URI uri = URI.create(location);
    if (!isSameOrigin(uri)) {
      throw MigrationFailure.AzureDeletionFailed.failure(
          "ARM operation status URL is not on " + origin + "; refusing to send the token there");
    }
    return uri;
  }

  private boolean isSameOrigin(URI uri) {
    return Objects.equals(origin.getScheme(), uri.getScheme())
        && origin.getHost() != null
        && origin.getHost().equalsIgnoreCase(uri.getHost())
        && port(origin) == port(uri);
  }

  /** The port a URL is reached on: an explicit default port is the same origin. */
  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  /**
   * One page of the subscription's {@code Neon.Postgres/organizations}: the first when {@code
   * nextLink} is null, else the page it links to, which must be on ARM's own origin (the token goes
   * with the request). 401/403, an unknown subscription and a link elsewhere are named
   * non-retryable failures; 429 and 5xx are retried.
   */
  public ArmOrganizationList organizationsPage(String subscriptionId, String nextLink) {
    String action = "GET Neon.Postgres/organizations of subscription " + subscriptionId;
    URI next = null;
    if (nextLink != null) {
      try {
        next = URI.create(nextLink);
      } catch (IllegalArgumentException notAUri) {
        throw FleetPlanFailure.AzureNextLinkRefused.failure(
            action + ": the nextLink is not a URL; refusing to follow it");
      }
      if (!isSameOrigin(next)) {
        throw FleetPlanFailure.AzureNextLinkRefused.failure(
            action
                + ": the nextLink points to "
                + next.getScheme()
                + "://"
                + next.getHost()
                + (next.getPort() < 0 ? "" : ":" + next.getPort())
                + ", not "
                + origin
                + "; refusing to send the token there");
      }
    }
    String bearer = bearer(FleetPlanFailure.AzureAccessDenied::failure);
    URI page = next;
    HttpResponse<ArmOrganizationList> response =
        exchange(
            action,
            () ->
                page == null
                    ? api.organizations(subscriptionId, configuration.apiVersion(), bearer)
                    : operations
                        .toBlocking()
                        .exchange(
                            HttpRequest.GET(page).header(HttpHeaders.AUTHORIZATION, bearer),
                            ArmOrganizationList.class));
    int status = response.code();
    if (status < 200 || status >= 300) {
      throw listingFailure(action, response);
    }
    ArmOrganizationList body;
    try {
      body = response.getBody().orElse(null);
    } catch (RuntimeException unreadable) {
      body = null;
    }
    if (body == null || body.value() == null) {
      throw ArmFailures.malformed(action + " answered " + status + " without a value array");
    }
    return body;
  }

  private ApplicationFailure listingFailure(String action, HttpResponse<?> response) {
    int status = response.code();
    ArmError error = readError(response);
    String code = error == null || error.error() == null ? null : error.error().code();
    String message = action + " answered " + status + (code == null ? "" : " " + code);
    if (status == 429 || status >= 500) {
      return ArmFailures.fromStatus(
          action, status, error, response.getHeaders().get(HttpHeaders.RETRY_AFTER), clock);
    }
    if (status == 401 || status == 403) {
      return FleetPlanFailure.AzureAccessDenied.failure(
          message + ": the worker's Azure identity needs read access (e.g. Reader) there");
    }
    if (status == 404) {
      return FleetPlanFailure.AzureSubscriptionNotFound.failure(
          message + ": check the subscription id and the identity's tenant");
    }
    return FleetPlanFailure.AzureListingFailed.failure(message);
  }

  private String bearer() {
    return bearer(MigrationFailure.AzureDeletionFailed::failure);
  }

  private String bearer(Function<String, ApplicationFailure> noToken) {
    try {
      // Entra ID may take a while to answer; keep the activity visibly alive meanwhile
      return "Bearer "
          + ActivityHeartbeat.keepingAlive(
                  () -> credential.getTokenSync(new TokenRequestContext().addScopes(SCOPE)))
              .getToken();
    } catch (ClientAuthenticationException e) {
      throw noToken.apply(
          "no Azure token for ARM (check the worker's Azure credential): "
              + e.getClass().getSimpleName());
    }
  }

  private ArmError readError(HttpResponse<?> response) {
    Optional<String> text = response.getBody(String.class);
    if (text.isEmpty() || text.get().isBlank()) {
      return null;
    }
    try {
      return json.readValue(text.get(), ArmError.class);
    } catch (JsonProcessingException notJson) {
      // the status alone still decides what happens
      return null;
    }
  }

  private static String describe(AzureResource resource) {
    return "Neon.Postgres/organizations/"
        + resource.resourceName()
        + " (resource group "
        + resource.resourceGroup()
        + ", subscription "
        + resource.subscriptionId()
        + ")";
  }
}
