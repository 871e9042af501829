package io.clawops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.clawops.contracts.Topics;
import io.clawops.contracts.message.ClawStatus;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.StatusChanged;
import io.clawops.contracts.message.TaskDispatched;
import io.clawops.e2e.system.ClawOpsSystem;
import io.clawops.e2e.system.ClawRecords;
import io.clawops.e2e.system.ClawRequest;
import io.clawops.e2e.system.EndToEnd;
import io.clawops.e2e.system.Envelopes;
import io.clawops.e2e.system.RecordFixture;
import io.clawops.testkit.TopicRecorder;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Model provider timeouts (M1, M2) across real services: fail retryable, or fall back. */
@EndToEnd
class ModelTimeoutIT {

  private static final String NO_FALLBACK = "model timeout: no fallback configured";

  private final ClawOpsSystem system;

  ModelTimeoutIT(ClawOpsSystem system) {
    this.system = system;
  }

  @Test
  @RecordFixture("model-timeout-no-fallback")
  void shouldReportARetryableModelTimeoutWhenNoFallbackIsConfigured() {
    UUID clawId = create(ClawRequest.scenario("model-timeout wait-ms=100"));

    JsonNode claw = system.api().awaitStatus(clawId, "model_timeout");

    assertThat(claw.get("statusReason").asText()).isEqualTo("agent.model_timeout");
    assertThat(claw.get("statusMessage").asText()).isEqualTo(NO_FALLBACK);
    assertThat(claw.get("retryable").asBoolean()).isTrue();
    assertThat(claw.at("/lastFailure/code").asText()).isEqualTo("agent.model_timeout");
    assertThat(claw.at("/lastFailure/message").asText()).isEqualTo(NO_FALLBACK);
    assertThat(claw.at("/lastFailure/retryable").asBoolean()).isTrue();
    assertThat(ClawRecords.condition(claw, "ModelResponsive").get("status").asText())
        .isEqualTo("False");
  }

  @Test
  @RecordFixture("model-timeout-retried")
  void shouldStartExactlyOneNewAttemptWhenRetriedAfterAModelTimeout() {
    try (TopicRecorder tasks = system.kafka().record(Topics.TASKS)) {
      UUID clawId = create(ClawRequest.scenario("model-timeout wait-ms=100"));
      system.api().awaitStatus(clawId, "model_timeout");

      HttpResponse<String> retry = system.api().retry(clawId);
      HttpResponse<String> again = system.api().retry(clawId);

      assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
      // F9: the second request finds the first one's attempt in flight and is refused.
      assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
      JsonNode claw =
          system
              .api()
              .awaitClaw(
                  clawId,
                  record -> {
                    assertThat(record.at("/run/attempt").asInt()).isEqualTo(2);
                    assertThat(record.at("/run/outcome").asText()).isEqualTo("failed");
                  });
      assertThat(claw.get("status").asText()).isEqualTo("model_timeout");
      assertThat(claw.get("runs")).hasSize(2);
      List<Integer> attempts =
          Envelopes.select(tasks, clawId, TaskDispatched.TYPE).stream()
              .map(envelope -> ((TaskDispatched) envelope.data()).attempt())
              .toList();
      assertThat(attempts).containsExactly(1, 2);
    }
  }

  @Test
  @RecordFixture("model-timeout-fallback")
  void shouldRecoverAndCompleteOnTheFallbackModelWhenThePrimaryTimesOut() {
    try (TopicRecorder statuses = system.kafka().record(Topics.STATUS)) {
      UUID clawId =
          create(
              ClawRequest.scenario("model-timeout ok-model=sim-fallback wait-ms=100")
                  .modelProfile("primary", "sim-primary")
                  .modelProfile("fallback", "sim-fallback"));

      JsonNode claw = system.api().awaitStatus(clawId, "completed");

      assertThat(claw.at("/run/attempt").asInt()).isEqualTo(2);
      assertThat(claw.at("/run/modelProfile/name").asText()).isEqualTo("fallback");
      assertThat(claw.at("/run/modelProfile/model").asText()).isEqualTo("sim-fallback");
      assertThat(claw.at("/runs/0/pinnedCause").asText()).isEqualTo("agent.model_timeout");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> statusesOf(statuses, clawId).contains(ClawStatus.COMPLETED));
      List<ClawStatus> published = statusesOf(statuses, clawId);
      // The fallback attempt was announced as a recovery before the claw completed.
      assertThat(published).contains(ClawStatus.RECOVERING);
      assertThat(published.indexOf(ClawStatus.RECOVERING))
          .isLessThan(published.lastIndexOf(ClawStatus.COMPLETED));
      assertThat(published).doesNotContain(ClawStatus.MODEL_TIMEOUT);
    }
  }

  private UUID create(ClawRequest request) {
    return system
        .api()
        .create(request.repository(system.git().create("app"), "app", true))
        .clawId();
  }

  private static List<ClawStatus> statusesOf(TopicRecorder statuses, UUID clawId) {
    return Envelopes.select(statuses, clawId, StatusChanged.TYPE).stream()
        .map(Envelope::data)
        .map(data -> ((StatusChanged) data).status())
        .toList();
  }
}
