package org.neonmigrate.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.neonmigrate.sandbox.seed.SeedSpec;

/** Both simulators on ephemeral ports, reset to the demo data and defaults before every test. */
public abstract class SimulatorFixture {
  protected static final String KEY = SeedSpec.DEFAULT_API_KEY;
  protected static final String CONTOSO = "org-az-contoso-free";
  protected static final String CONTOSO_NM = "org-nm-contoso-free";
  protected static final String FABRIKAM = "org-az-fabrikam-scale";
  protected static final String FABRIKAM_NM = "org-nm-fabrikam-scale";
  protected static final String TAILSPIN = "org-az-tailspin-github";
  protected static final String TAILSPIN_NM = "org-nm-tailspin-github";
  protected static final String NORTHWIND = "org-az-northwind-large";
  protected static final String NORTHWIND_NM = "org-nm-northwind-large";

  protected static Simulators sims;
  protected static final ObjectMapper JSON = new ObjectMapper();
  protected static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void startSimulators() throws IOException {
    sims = Simulators.start(Simulators.Settings.forTests());
  }

  @AfterAll
  static void stopSimulators() {
    sims.close();
  }

  @BeforeEach
  void reset() {
    sims.reset();
  }

  /** A response with its body parsed, for terse assertions. */
  public record Reply(int status, JsonNode json, HttpResponse<String> raw) {
    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  protected static Reply neon(String method, String pathAndQuery, String key, Object body) {
    return send(method, sims.neon().baseUrl() + pathAndQuery, key, body, null);
  }

  protected static Reply neonGet(String pathAndQuery) {
    return neon("GET", pathAndQuery, KEY, null);
  }

  protected static Reply admin(String method, String path, Object body) {
    return send(method, sims.neon().adminUrl() + path, null, body, null);
  }

  protected static Reply send(
      String method, String url, String bearer, Object body, String requestId) {
    try {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
      if (bearer != null) {
        b.header("Authorization", "Bearer " + bearer);
      }
      if (requestId != null) {
        b.header("X-Request-ID", requestId);
      }
      if (body != null) {
        b.header("Content-Type", "application/json");
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        b.method(method, HttpRequest.BodyPublishers.ofString(text));
      } else {
        b.method(method, HttpRequest.BodyPublishers.noBody());
      }
      HttpResponse<String> response = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
      return new Reply(response.statusCode(), json, response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
