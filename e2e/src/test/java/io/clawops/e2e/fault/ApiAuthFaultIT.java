package io.clawops.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clawops.e2e.system.ClawOpsSystem;
import io.clawops.e2e.system.EndToEnd;
import io.clawops.e2e.system.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every /api endpoint of every service, as each service's own OpenAPI document lists it (so an
 * endpoint added later is covered without touching this test), answers 401 without a token and with
 * a wrong one, and the answer says nothing about why.
 */
@EndToEnd
class ApiAuthFaultIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

  private final ClawOpsSystem system;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  ApiAuthFaultIT(ClawOpsSystem system) {
    this.system = system;
  }

  /** One operation of one service's API. */
  record Endpoint(String service, String base, String method, String path) {}

  @Test
  void shouldRefuseEveryApiEndpointWithoutTheRightTokenAndSayNothing() throws Exception {
    List<Endpoint> endpoints = endpoints();
    // The two services with a REST API publish it; a runner may publish an empty one.
    assertThat(endpoints).extracting(Endpoint::service).contains("status-service");
    assertThat(endpoints).extracting(Endpoint::service).contains("provisioner-service");
    assertThat(endpoints)
        .extracting(Endpoint::path)
        .contains("/api/claws", "/api/claws/{id}", "/api/claws/{id}/cancel", "/api/stream");

    List<String> tokens =
        List.of("", "Bearer ", "Bearer wrong-token", "Basic dXNlcjpwYXNz", "bearer", "Token x");
    int checked = 0;
    for (Endpoint endpoint : endpoints) {
      for (String token : tokens) {
        HttpResponse<String> response = call(endpoint, endpoint.path(), token);
        checked++;
        if (isSignIn(endpoint)) {
          // The one call open without credentials (DESIGN §10): it exchanges a token posted in
          // its body for a session, so without the right one it grants nothing.
          assertThat(response.statusCode())
              .as(
                  "%s %s%s with '%s'",
                  endpoint.method(), endpoint.service(), endpoint.path(), token)
              .isNotIn(200, 201, 202, 204);
          assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
          continue;
        }
        assertThat(response.statusCode())
            .as("%s %s%s with '%s'", endpoint.method(), endpoint.service(), endpoint.path(), token)
            .isEqualTo(401);
        assertNoDetail(response);
      }
      // Spellings of the same path that a prefix check could miss.
      for (String variant : variants(endpoint.path())) {
        HttpResponse<String> response = call(endpoint, variant, "Bearer wrong-token");
        assertThat(response.statusCode())
            .as("%s %s%s", endpoint.method(), endpoint.service(), variant)
            .isNotIn(200, 201, 202, 204);
        checked++;
      }
    }
    FaultTable.add(
        new FaultTable.Row(
            "auth: " + endpoints.size() + " /api operations × 6 wrong tokens + path spellings",
            checked,
            0,
            0,
            0,
            0,
            "-"));
  }

  private List<Endpoint> endpoints() throws Exception {
    List<Endpoint> endpoints = new ArrayList<>();
    for (Map.Entry<String, ServiceProcess> service : system.services().entrySet()) {
      String base = "http://127.0.0.1:" + service.getValue().port();
      HttpResponse<String> document =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/q/openapi?format=json"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(document.statusCode()).as("%s /q/openapi", service.getKey()).isEqualTo(200);
      JsonNode paths = JSON.readTree(document.body()).path("paths");
      for (Iterator<String> names = paths.fieldNames(); names.hasNext(); ) {
        String path = names.next();
        if (!path.startsWith("/api")) {
          continue;
        }
        for (Iterator<String> methods = paths.get(path).fieldNames(); methods.hasNext(); ) {
          String method = methods.next();
          if (METHODS.contains(method)) {
            endpoints.add(new Endpoint(service.getKey(), base, method.toUpperCase(), path));
          }
        }
      }
    }
    return endpoints;
  }

  private HttpResponse<String> call(Endpoint endpoint, String path, String authorization)
      throws IOException, InterruptedException {
    String concrete = path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(endpoint.base() + concrete))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .method(endpoint.method(), HttpRequest.BodyPublishers.ofString("{}"));
    if (!authorization.isEmpty()) {
      request.header("Authorization", authorization);
    }
    // The stream endpoint would stay open when accepted: only the status line matters.
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> variants(String path) {
    String tail = path.substring("/api".length());
    return List.of("/" + path, "/api/" + tail, "/%61pi" + tail, path + "/", "/./api" + tail);
  }

  private static boolean isSignIn(Endpoint endpoint) {
    return "POST".equals(endpoint.method()) && "/api/session".equals(endpoint.path());
  }

  private static void assertNoDetail(HttpResponse<String> response) {
    String body = response.body().toLowerCase();
    assertThat(body).doesNotContain("token", "bearer", "expected", "exception", "at io.");
    assertThat(body.length()).as("401 body").isLessThan(200);
  }
}
