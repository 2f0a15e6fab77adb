package org.neonmigrate.sandbox.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SimHttpServerTest {

  @Test
  void aLostResponseClosesTheConnectionWithoutAnAnswerAfterTheHandlerRan() throws Exception {
    AtomicInteger handled = new AtomicInteger();
    try (SimHttpServer server =
        new SimHttpServer(
            "lost-test",
            new ObjectMapper(),
            request -> {
              handled.incrementAndGet();
              return request.path().equals("/lost")
                  ? SimResponse.lost()
                  : SimResponse.json(200, Map.of("ok", true));
            })) {
      int port = server.start(0, 2);
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      HttpRequest lost =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/lost"))
              .timeout(Duration.ofSeconds(5))
              .POST(HttpRequest.BodyPublishers.ofString("{}"))
              .build();

      assertThatThrownBy(() -> client.send(lost, HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(IOException.class);
      assertThat(handled).hasValue(1);

      // the server keeps answering other requests
      HttpResponse<String> ok =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ok")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(handled).hasValue(2);
    }
  }

  @Test
  void aTargetThatStartsWithTwoSlashesKeepsItsWholePath() {
    assertThat(
            SimHttpServer.rawPath(URI.create("//subscriptions/s/resourceGroups/g?api-version=1")))
        .isEqualTo("//subscriptions/s/resourceGroups/g");
    assertThat(SimHttpServer.rawPath(URI.create("/plain/path?q=1"))).isEqualTo("/plain/path");
    assertThat(SimHttpServer.rawPath(URI.create("http://127.0.0.1:1/absolute/form")))
        .isEqualTo("/absolute/form");
  }
}
