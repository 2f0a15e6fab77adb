package org.neonmigrate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Real HTTP calls against the API, answering with status and body whatever the status is. */
final class Http {

  static final String OPERATOR = "sandbox-operator";
  static final String APPROVER = "sandbox-approver";
  static final String VIEWER = "sandbox-viewer";
  static final String TWO_HATS = "test-twohats";

  record Answer(int status, String contentType, String body, HttpResponse<?> response) {

    @SuppressWarnings("unchecked")
    Map<String, Object> json() {
      try {
        return JsonMapper.createDefault().readValue(body, Map.class);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Asserts an RFC 7807 problem with this status whose detail mentions every fragment. */
    Answer assertProblem(int expectedStatus, String... detailFragments) {
      assertThat(status).as(body).isEqualTo(expectedStatus);
      assertThat(contentType).startsWith("application/problem+json");
      assertThat(body).doesNotContain("\tat ").doesNotContain("Exception");
      Map<String, Object> problem = json();
      assertThat(problem.get("status")).isEqualTo(expectedStatus);
      String text = String.valueOf(problem.get("detail"));
      for (String fragment : detailFragments) {
        assertThat(text).as(body).contains(fragment);
      }
      return this;
    }
  }

  private final HttpClient client;

  Http(HttpClient client) {
    this.client = client;
  }

  Answer get(String path, String token) {
    return send(HttpRequest.GET(path), token);
  }

  Answer post(String path, Object body, String token) {
    return send(HttpRequest.POST(path, body).contentType("application/json"), token);
  }

  Answer send(MutableHttpRequest<?> request, String token) {
    if (token != null) {
      request.bearerAuth(token);
    }
    try {
      HttpResponse<String> response = client.toBlocking().exchange(request, String.class);
      return answer(response, response.getBody().orElse(""));
    } catch (HttpClientResponseException e) {
      return answer(e.getResponse(), e.getResponse().getBody(String.class).orElse(""));
    }
  }

  private static Answer answer(HttpResponse<?> response, String body) {
    return new Answer(
        response.getStatus().getCode(),
        response.getContentType().map(Object::toString).orElse(""),
        body,
        response);
  }
}
