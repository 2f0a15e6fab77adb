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
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.neonmigrate.activities.http.RetryAfter;
import org.neonmigrate.workflows.activities.MigrationFailure;
import org.neonmigrate.workflows.migration.AzureResource;

/** The Azure resource's life as the deletion sees it: read, delete, poll the operation. */
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

  /** The resource, or empty when ARM answers 404. */
  public Optional<ArmOrganization> organization(AzureResource resource) {
    String bearer = bearer();
    return call(
        "GET " + describe(resource),
        () ->
            Optional.of(
                api.organization(
                    resource.subscriptionId(),
                    resource.resourceGroup(),
                    resource.resourceName(),
                    configuration.apiVersion(),
                    bearer)),
        Optional.empty());
  }

  public DeletionState delete(AzureResource resource) {
    String bearer = bearer();
    String action = "DELETE " + describe(resource);
    return call(
        action,
        () ->
            toState(
                action,
                api.delete(
                    resource.subscriptionId(),
                    resource.resourceGroup(),
                    resource.resourceName(),
                    configuration.apiVersion(),
                    bearer),
                null),
        new DeletionState.Gone());
  }

  /** One poll of the operation's Location; 404 means the resource is gone. */
  public DeletionState poll(String location) {
    URI uri = sameOrigin(location);
    String bearer = bearer();
    String action = "GET operation status";
    return call(
        action,
        () ->
            toState(
                action,
                operations
                    .toBlocking()
                    .exchange(
                        HttpRequest.GET(uri).header(HttpHeaders.AUTHORIZATION, bearer),
                        String.class),
                location),
        new DeletionState.Gone());
  }

  private DeletionState toState(String action, HttpResponse<?> response, String pollingLocation) {
    int status = response.getStatus().getCode();
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

  private <T> T call(String action, Supplier<T> request, T whenNotFound) {
    try {
      return request.get();
    } catch (HttpClientResponseException e) {
      if (e.getStatus().getCode() == 404) {
        return whenNotFound;
      }
      throw ArmFailures.fromStatus(
          action,
          e.getStatus().getCode(),
          readError(e),
          e.getResponse().getHeaders().get(HttpHeaders.RETRY_AFTER),
          clock);
    } catch (HttpClientException e) {
      throw ArmFailures.unreachable(action, e);
    }
  }

  /** Status URLs on another origin would receive our token: refuse to follow them. */
  URI sameOrigin(String location) {
    URI uri = URI.create(location);
    boolean same =
        Objects.equals(origin.getScheme(), uri.getScheme())
            && Objects.equals(origin.getHost(), uri.getHost())
            && origin.getPort() == uri.getPort();
    if (!same) {
      throw MigrationFailure.AzureDeletionFailed.failure(
          "ARM operation status URL is not on " + origin + "; refusing to send the token there");
    }
    return uri;
  }

  private String bearer() {
    try {
      return "Bearer "
          + credential.getTokenSync(new TokenRequestContext().addScopes(SCOPE)).getToken();
    } catch (ClientAuthenticationException e) {
      throw MigrationFailure.AzureDeletionFailed.failure(
          "no Azure token for ARM (check the worker's Azure credential): "
              + e.getClass().getSimpleName());
    }
  }

  private ArmError readError(HttpClientResponseException e) {
    Optional<String> text = e.getResponse().getBody(String.class);
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
