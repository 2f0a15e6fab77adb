package org.neonmigrate.sandbox.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.HttpLoggingPolicy;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.http.rest.PagedFlux;
import com.azure.core.http.rest.PagedIterable;
import com.azure.core.http.rest.PagedResponse;
import com.azure.core.http.rest.PagedResponseBase;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.management.profile.AzureProfile;
import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.resourcemanager.resources.ResourceManager;
import com.azure.resourcemanager.resources.fluent.models.GenericResourceExpandedInner;
import com.azure.resourcemanager.resources.models.GenericResource;
import com.azure.resourcemanager.resources.models.ResourceListResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neonmigrate.sandbox.SimulatorFixture;
import org.neonmigrate.sandbox.http.CallLog;
import org.neonmigrate.sandbox.seed.SandboxSeed;
import reactor.core.publisher.Mono;

/**
 * The official Azure SDK for Java ({@code azure-resourcemanager-resources}) against the ARM
 * simulator, as a new user would call it. The only change is the token: the SDK's bearer policy
 * refuses plain http, so a policy sets the simulator's fixed token instead; every other policy is
 * the SDK's own.
 */
class AzureSdkConformanceTest extends SimulatorFixture {

  private static final String TENANT = "00000000-0000-4000-8000-00000000a11d";

  private HttpPipeline pipeline;
  private ResourceManager manager;

  @BeforeEach
  void connect() {
    HttpPipelinePolicy fixedToken =
        (context, next) -> {
          context
              .getHttpRequest()
              .setHeader(HttpHeaderName.AUTHORIZATION, "Bearer " + ArmSimulator.DEFAULT_TOKEN);
          return next.process();
        };
    pipeline =
        new HttpPipelineBuilder()
            .policies(
                new UserAgentPolicy(),
                new RequestIdPolicy(),
                new RetryPolicy(),
                fixedToken,
                new HttpLoggingPolicy(new HttpLogOptions()))
            .build();
    AzureEnvironment environment =
        new AzureEnvironment(Map.of("resourceManagerEndpointUrl", sims.arm().baseUrl() + "/"));
    AzureProfile profile = new AzureProfile(TENANT, SandboxSeed.SUBSCRIPTION_ID, environment);
    manager = ResourceManager.authenticate(pipeline, profile).withDefaultSubscription();
  }

  @Test
  void theSdkListsChecksGetsAndDeletesAnOrganization() {
    sims.arm().setPageSize(2);
    sims.arm().setLro(ArmSimulator.LroSettings.of(Duration.ofSeconds(3), 1));

    // list: the resource group's organizations, every page, read with the SDK's own list model
    List<GenericResourceExpandedInner> listed =
        listAll(
            sims.arm().baseUrl()
                + "/subscriptions/"
                + SandboxSeed.SUBSCRIPTION_ID
                + "/resourceGroups/"
                + SandboxSeed.RESOURCE_GROUP
                + "/providers/Neon.Postgres/organizations?api-version="
                + ArmSimulator.API_VERSION);
    assertThat(listed)
        .extracting(GenericResourceExpandedInner::name)
        .containsExactlyInAnyOrder(
            "contoso-free", "fabrikam-scale", "northwind-large", "tailspin-github");
    String id =
        listed.stream().filter(r -> r.name().equals("contoso-free")).findFirst().orElseThrow().id();

    // check existence, get: the SDK reads the provider for an api-version, then calls the id
    assertThat(manager.genericResources().checkExistenceById(id)).isTrue();
    GenericResource resource = manager.genericResources().getById(id);
    assertThat(resource.type()).isEqualTo("Neon.Postgres/organizations");
    assertThat(resource.apiVersion()).isEqualTo(ArmSimulator.API_VERSION);
    assertThat(resource.regionName()).isNotBlank();
    @SuppressWarnings("unchecked")
    Map<String, Object> properties = (Map<String, Object>) resource.properties();
    @SuppressWarnings("unchecked")
    Map<String, Object> partner =
        (Map<String, Object>) properties.get("partnerOrganizationProperties");
    assertThat(partner).containsEntry("organizationId", CONTOSO);

    // delete, with the SDK's long-running-operation poller
    Instant started = Instant.now();
    manager.genericResources().deleteById(id);
    Duration took = Duration.between(started, Instant.now());
    List<CallLog.Call> polls =
        sims.arm().calls().recent(200).stream()
            .filter(c -> c.route().equals("GET " + ArmSimulator.OPERATION_TEMPLATE))
            .toList();
    System.out.printf(
        "Azure SDK delete: %d ms, %d operation poll(s), statuses %s%n",
        took.toMillis(), polls.size(), polls.stream().map(CallLog.Call::status).toList());
    assertThat(polls).isNotEmpty();
    assertThat(polls.get(polls.size() - 1).status()).isEqualTo(200);
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    for (int i = 1; i < polls.size(); i++) {
      // Retry-After: 1 is honoured between polls
      assertThat(
              Duration.between(
                  Instant.parse(polls.get(i - 1).at()), Instant.parse(polls.get(i).at())))
          .isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    // gone afterwards: HEAD says so, and GET fails with ARM's 404
    assertThat(manager.genericResources().checkExistenceById(id)).isFalse();
    ManagementException missing =
        catchThrowableOfType(
            ManagementException.class, () -> manager.genericResources().getById(id));
    assertThat(missing).isNotNull();
    assertThat(missing.getResponse().getStatusCode()).isEqualTo(404);
    assertThat(missing.getValue().getCode()).isEqualTo("ResourceNotFound");
    assertThat(missing.getResponse().getHeaderValue(HttpHeaderName.X_MS_REQUEST_ID)).isNotBlank();
    assertThat(sims.arm().state().deletions()).hasSize(1);
  }

  @Test
  void theSdkSeesAnUnknownResourceAsAbsent() {
    String id =
        "/subscriptions/"
            + SandboxSeed.SUBSCRIPTION_ID
            + "/resourceGroups/"
            + SandboxSeed.RESOURCE_GROUP
            + "/providers/Neon.Postgres/organizations/nope";

    assertThat(manager.genericResources().checkExistenceById(id)).isFalse();
    ManagementException missing =
        catchThrowableOfType(
            ManagementException.class, () -> manager.genericResources().getById(id));
    assertThat(missing.getValue().getCode()).isEqualTo("ResourceNotFound");
    assertThat(sims.arm().state().deletions()).isEmpty();
  }

  /** Every page of an {@code x-ms-pageable} list, following {@code nextLink} as the SDK does. */
  private List<GenericResourceExpandedInner> listAll(String firstPage) {
    PagedFlux<GenericResourceExpandedInner> pages =
        new PagedFlux<>(() -> page(firstPage), this::page);
    return new PagedIterable<>(pages).stream().toList();
  }

  private Mono<PagedResponse<GenericResourceExpandedInner>> page(String url) {
    HttpRequest request = new HttpRequest(HttpMethod.GET, url);
    return pipeline
        .send(request)
        .flatMap(
            response ->
                response
                    .getBodyAsString()
                    .map(
                        body -> {
                          assertThat(response.getStatusCode()).as(body).isEqualTo(200);
                          ResourceListResult list = read(body);
                          return new PagedResponseBase<Void, GenericResourceExpandedInner>(
                              request,
                              response.getStatusCode(),
                              response.getHeaders(),
                              list.value(),
                              list.nextLink(),
                              null);
                        }));
  }

  private static ResourceListResult read(String body) {
    try (JsonReader reader = JsonProviders.createReader(body)) {
      return ResourceListResult.fromJson(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
