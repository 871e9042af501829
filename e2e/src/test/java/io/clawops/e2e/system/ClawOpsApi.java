package io.clawops.e2e.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;

/**
 * The only way the suite acts on the system and reads its state over HTTP: {@code POST /api/claws}
 * on the provisioner, and the claw records, timelines and actions of status-service.
 */
public final class ClawOpsApi {

  /** Long enough for a checklist, an agent JVM start and a run on a busy two-core machine. */
  public static final Duration SETTLE = Duration.ofSeconds(60);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String provisioner;
  private final String status;
  private final String token;
  private volatile Tap tap;

  /**
   * Told of every claw this client creates and every action it takes, e.g. by {@link
   * FixtureRecorder}.
   */
  public interface Tap {

    /** A claw was created ({@code 202}). */
    void created(UUID clawId);

    /** An action ({@code retry}, {@code cancel}) was sent at {@code sentAt} and answered. */
    void acted(String action, UUID clawId, Instant sentAt, int httpStatus);
  }

  ClawOpsApi(int provisionerPort, int statusPort, String token) {
    this.provisioner = "http://127.0.0.1:" + provisionerPort;
    this.status = "http://127.0.0.1:" + statusPort;
    this.token = token;
  }

  /** The API token, for tests that sign in as an operator would (the operator page). */
  public String token() {
    return token;
  }

  /** Where status-service (and the operator page at {@code /}) answers. */
  public String statusUrl() {
    return status;
  }

  /** A created claw: its id and the provisioner's raw answer. */
  public record Created(UUID clawId, String body) {}

  /** Creates a claw through the provisioner; fails unless it answers 202. */
  public Created create(ClawRequest request) {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(provisioner + "/api/claws"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toJson())));
    assertThat(response.statusCode()).as("POST /api/claws: %s", response.body()).isEqualTo(202);
    UUID clawId = UUID.fromString(parse(response.body()).get("clawId").asText());
    Tap listener = tap;
    if (listener != null) {
      listener.created(clawId);
    }
    return new Created(clawId, response.body());
  }

  /** {@code POST /api/claws} with any body, answered raw (for requests meant to be refused). */
  public HttpResponse<String> createRaw(String body) {
    return send(
        HttpRequest.newBuilder(URI.create(provisioner + "/api/claws"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** {@code GET} on status-service, raw. */
  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(status + path)).GET());
  }

  /** The claw's record, or null while status-service has not seen the claw yet. */
  public JsonNode claw(UUID clawId) {
    HttpResponse<String> response = get("/api/claws/" + clawId);
    if (response.statusCode() == 404) {
      return null;
    }
    assertThat(response.statusCode()).as("GET claw: %s", response.body()).isEqualTo(200);
    return parse(response.body());
  }

  /** The claw's timeline entries, oldest first. */
  public List<JsonNode> timeline(UUID clawId) {
    HttpResponse<String> response = get("/api/claws/" + clawId + "/timeline");
    assertThat(response.statusCode()).as("GET timeline: %s", response.body()).isEqualTo(200);
    return StreamSupport.stream(parse(response.body()).get("items").spliterator(), false).toList();
  }

  public HttpResponse<String> retry(UUID clawId) {
    return act("retry", clawId);
  }

  public HttpResponse<String> cancel(UUID clawId) {
    return act("cancel", clawId);
  }

  /** Sets (or, with null, removes) the one {@link Tap} of this client. */
  public void tap(Tap listener) {
    this.tap = listener;
  }

  /** Waits until the claw shows {@code status} and returns that record. */
  public JsonNode awaitStatus(UUID clawId, String expected) {
    return awaitClaw(
        clawId,
        claw ->
            assertThat(claw.path("status").asText()).as("status in %s", claw).isEqualTo(expected));
  }

  /** Waits until the claw's record passes {@code check} and returns that record. */
  public JsonNode awaitClaw(UUID clawId, Consumer<JsonNode> check) {
    AtomicReference<JsonNode> passed = new AtomicReference<>();
    await()
        .atMost(SETTLE)
        .pollInterval(Duration.ofMillis(200))
        // status-service may be restarting; a refused connection is just "not yet".
        .ignoreExceptionsInstanceOf(UncheckedIOException.class)
        .untilAsserted(
            () -> {
              JsonNode claw = claw(clawId);
              assertThat(claw).as("record of claw %s", clawId).isNotNull();
              check.accept(claw);
              passed.set(claw);
            });
    return passed.get();
  }

  private HttpResponse<String> act(String action, UUID clawId) {
    Instant sentAt = Instant.now();
    HttpResponse<String> response = post("/api/claws/" + clawId + "/" + action);
    Tap listener = tap;
    if (listener != null) {
      listener.acted(action, clawId, sentAt, response.statusCode());
    }
    return response;
  }

  private HttpResponse<String> post(String path) {
    return send(
        HttpRequest.newBuilder(URI.create(status + path))
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(
          request
              .header("Authorization", "Bearer " + token)
              .timeout(Duration.ofSeconds(10))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not JSON: " + body, e);
    }
  }
}
