package org.neonmigrate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the property-based fuzzing of the API ({@code ApiFuzzIT} in the sandbox) found: each answer
 * here was a 500, a problem without a title, a wrong status, or a schema-violating body accepted.
 */
@MicronautTest(environments = ApiApplication.ENVIRONMENT)
class HostileInputTest extends ApiTestBase {

  @Inject EmbeddedServer server;

  @Test
  void aScalarBodyForAnOptionalBodyIs400NotA500() {
    for (String body : new String[] {"false", "0", "1.5"}) {
      http.send(HttpRequest.POST("/batches/some-batch/pause", body), Http.OPERATOR)
          .assertProblem(400, "JSON object");
      http.send(HttpRequest.POST("/batches/some-batch/resume", body), Http.OPERATOR)
          .assertProblem(400, "JSON object");
    }
  }

  @Test
  void aMissingBodyIsAProblemWithATitleSayingWhatToSend() {
    Http.Answer none =
        http.send(
                HttpRequest.POST("/migrations", "").contentType("application/json"), Http.OPERATOR)
            .assertProblem(400, "body");
    assertThat(none.json()).containsEntry("title", "Invalid request");
    assertThat(none.body()).doesNotContain("[body]");
    Http.Answer jsonNull =
        http.send(
                HttpRequest.POST("/migrations", "null").contentType("application/json"),
                Http.OPERATOR)
            .assertProblem(400, "body");
    assertThat(jsonNull.json()).containsEntry("title", "Invalid request");
  }

  @Test
  void aBooleanOrNumberWhereTheDocumentSaysStringIsRefused() {
    Map<String, Object> body = startBody(newOrgId("coerced"));
    body.put("destinationOrgId", false);
    http.post("/migrations", body, Http.OPERATOR).assertProblem(400, "destinationOrgId");

    Map<String, Object> numbered = startBody(newOrgId("coerced"));
    numbered.put("destinationOrgId", 12);
    http.post("/migrations", numbered, Http.OPERATOR).assertProblem(400, "destinationOrgId");

    Map<String, Object> textual = startBody(newOrgId("coerced"));
    textual.put("dryRun", "true");
    http.post("/migrations", textual, Http.OPERATOR).assertProblem(400, "dryRun");

    Map<String, Object> fraction = startBody(newOrgId("coerced"));
    fraction.put("reminderIntervalMinutes", 1.5);
    http.post("/migrations", fraction, Http.OPERATOR).assertProblem(400, "reminderIntervalMinutes");
  }

  @Test
  void aBatchStartWithoutContentTypeIs415NamingBothTypesNotABare400() throws Exception {
    // java.net.http sends no Content-Type unless told to, unlike Micronaut's client
    java.net.http.HttpResponse<String> answer =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/batches"))
                    .header("Authorization", "Bearer " + Http.OPERATOR)
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(415);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(answer.body())
        .contains("\"title\"")
        .contains("application/json")
        .contains("text/csv");
  }

  @Test
  void anotherMethodOnAKnownPathIs405WithAllowNot404() {
    Http.Answer answer =
        http.send(HttpRequest.create(HttpMethod.DELETE, "/migrations"), Http.VIEWER)
            .assertProblem(405, "GET", "POST");
    assertThat(answer.response().getHeaders().get("Allow")).contains("GET").contains("POST");
  }

  @Test
  void anAcceptTheRouteCannotAnswerIs406Not404() {
    http.send(HttpRequest.GET("/migrations").accept("text/csv"), Http.VIEWER)
        .assertProblem(406, "application/json");
  }

  @Test
  void aWrongBodyTypeOnBatchStartNamesCsvTooAsAccepted() {
    http.send(HttpRequest.POST("/batches", "x").contentType("application/xml"), Http.OPERATOR)
        .assertProblem(415, "application/json", "text/csv");
  }
}
