package org.neonmigrate.sandbox.neon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.neonmigrate.sandbox.SimulatorFixture;

class NeonRateLimitAndFaultsTest extends SimulatorFixture {

  @Test
  void aBurstOverThePerRouteLimitGets429WithRetryAfter() {
    admin("PUT", "/rate-limits", Map.of("per_minute", 700, "burst_per_second", 3));

    List<Reply> replies = IntStream.range(0, 4).mapToObj(i -> neonGet("/auth")).toList();

    assertThat(replies.subList(0, 3)).allMatch(r -> r.status() == 200);
    Reply limited = replies.get(3);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(Integer.parseInt(limited.header("Retry-After"))).isGreaterThanOrEqualTo(1);
    assertThat(limited.json().get("message").asText()).isNotBlank();
    // the burst bucket is per route: another route still answers
    assertThat(neonGet("/users/me/organizations").status()).isEqualTo(200);
  }

  @Test
  void thePerMinuteBudgetSpansRoutes() {
    admin("PUT", "/rate-limits", Map.of("per_minute", 3, "burst_per_second", 40));

    List<Integer> statuses =
        List.of(
            neonGet("/auth").status(),
            neonGet("/users/me/organizations").status(),
            neonGet("/organizations/" + CONTOSO).status(),
            neonGet("/projects?org_id=" + CONTOSO).status());

    assertThat(statuses).containsExactly(200, 200, 200, 429);
    assertThat(admin("GET", "/rate-limits", null).json().get("per_minute").asInt()).isEqualTo(3);
  }

  @Test
  void randomFaultsFollowTheConfiguredProbabilities() {
    admin("PUT", "/faults", Map.of("error503", 1.0));
    assertThat(neonGet("/auth").status()).isEqualTo(503);

    admin("PUT", "/faults", Map.of("error500", 1.0));
    assertThat(neonGet("/auth").status()).isEqualTo(500);

    admin("PUT", "/faults", Map.of("error429", 1.0));
    Reply throttled = neonGet("/auth");
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.header("Retry-After")).isEqualTo("1");

    admin("DELETE", "/faults", null);
    assertThat(neonGet("/auth").status()).isEqualTo(200);
  }

  @Test
  void latencyIsAddedToEveryCall() {
    admin("PUT", "/faults", Map.of("latency_ms", 300));

    long begin = System.nanoTime();
    neonGet("/auth");

    assertThat((System.nanoTime() - begin) / 1_000_000).isGreaterThanOrEqualTo(300);
  }

  @Test
  void oneShotFailuresHitOnlyTheirRouteAndCount() {
    Reply added =
        admin(
            "POST",
            "/faults/one-shot",
            Map.of(
                "route",
                "GET /projects/{project_id}",
                "status",
                502,
                "count",
                2,
                "when",
                "before"));
    assertThat(added.status()).isEqualTo(200);
    String project = sims.neon().state().projectIds(CONTOSO).get(0);

    assertThat(neonGet("/auth").status()).isEqualTo(200);
    assertThat(neonGet("/projects/" + project).status()).isEqualTo(502);
    assertThat(neonGet("/projects/" + project).status()).isEqualTo(502);
    assertThat(neonGet("/projects/" + project).status()).isEqualTo(200);
  }

  @Test
  void theCallLogCountsPerRouteTemplateAndStatus() {
    String project = sims.neon().state().projectIds(CONTOSO).get(0);
    neonGet("/projects/" + project);
    neonGet("/projects/" + project);
    neonGet("/projects/nope-1");
    neon("GET", "/auth", "bad", null);

    Reply calls = admin("GET", "/calls", null);

    assertThat(calls.json().at("/counts/GET ~1projects~1{project_id}/200").asInt()).isEqualTo(2);
    assertThat(calls.json().at("/counts/GET ~1projects~1{project_id}/404").asInt()).isEqualTo(1);
    assertThat(calls.json().at("/counts/GET ~1auth/401").asInt()).isEqualTo(1);
    assertThat(calls.json().get("recent")).hasSize(4);
    assertThat(calls.json().get("recent").get(0).get("path").asText())
        .isEqualTo("/api/v2/projects/" + project);
  }

  @Test
  void aLostAnswerComesAfterTheWorkWasDoneAndOnlyForCallsThatChangeState() {
    admin("PUT", "/faults/lost-responses", Map.of("probability", 1.0));
    assertThat(admin("GET", "/faults", null).json().at("/lost_responses/probability").asDouble())
        .isEqualTo(1.0);

    // a read is never lost
    assertThat(neonGet("/organizations/" + CONTOSO_NM + "/invitations").status()).isEqualTo(200);
    assertThatThrownBy(
            () ->
                neon(
                    "POST",
                    "/organizations/" + CONTOSO_NM + "/invitations",
                    KEY,
                    Map.of(
                        "invitations",
                        List.of(
                            Map.of("email", "stranger@elsewhere.example.com", "role", "member")))))
        .isInstanceOf(UncheckedIOException.class);

    admin("DELETE", "/faults", null);
    // the invitation was made although its answer never came; the call log says which answer was
    // lost
    assertThat(
            neonGet("/organizations/" + CONTOSO_NM + "/invitations")
                .json()
                .findValuesAsText("email"))
        .contains("stranger@elsewhere.example.com");
    Reply calls = admin("GET", "/calls", null);
    assertThat(calls.json().at("/counts/POST ~1organizations~1{org_id}~1invitations/200").asInt())
        .isEqualTo(1);
    assertThat(calls.json().get("recent").findValuesAsText("note")).contains("fault:lost");
  }

  @Test
  void aLostResponsesProbabilityOutsideZeroToOneIsRefused() {
    assertThat(admin("PUT", "/faults/lost-responses", Map.of("probability", 1.5)).status())
        .isEqualTo(400);
  }
}
