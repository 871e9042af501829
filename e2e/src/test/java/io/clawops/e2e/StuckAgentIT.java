package io.clawops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.clawops.e2e.system.ClawOpsSystem;
import io.clawops.e2e.system.ClawRecords;
import io.clawops.e2e.system.ClawRequest;
import io.clawops.e2e.system.EndToEnd;
import io.clawops.e2e.system.RecordFixture;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Agents that stop making progress across real services: the runner's idle watchdog and hard
 * deadline end them, and the classification sticks (F4).
 */
@EndToEnd
class StuckAgentIT {

  private final ClawOpsSystem system;

  StuckAgentIT(ClawOpsSystem system) {
    this.system = system;
  }

  @Test
  @RecordFixture("stalled-idle-watchdog")
  void shouldReportStalledWhenTheAgentFallsSilentPastItsIdleTimeout() {
    UUID clawId =
        create(ClawRequest.scenario("hang").timeout("idleSeconds", 3).timeout("runSeconds", 60));

    JsonNode claw = system.api().awaitStatus(clawId, "stalled");

    assertThat(claw.get("statusReason").asText()).isEqualTo("platform.idle_watchdog");
    assertThat(claw.get("retryable").asBoolean()).isTrue();
    assertThat(claw.at("/lastFailure/code").asText()).isEqualTo("platform.idle_watchdog");
    JsonNode finished =
        system
            .api()
            .awaitClaw(
                clawId, record -> assertThat(ClawRecords.text(record, "/run/outcome")).isNotNull());
    assertThat(finished.at("/run/outcome").asText()).isEqualTo("stalled");
    assertThat(finished.get("status").asText()).isEqualTo("stalled");
  }

  @Test
  @RecordFixture("hard-deadline-late-cancel")
  void shouldStayTimedOutWhenACancelFollowsTheHardDeadline() {
    UUID clawId =
        create(ClawRequest.scenario("hang").timeout("runSeconds", 4).timeout("idleSeconds", 60));
    JsonNode running =
        system
            .api()
            .awaitClaw(
                clawId,
                record -> assertThat(ClawRecords.text(record, "/run/deadlineAt")).isNotNull());
    Instant deadline = Instant.parse(running.at("/run/deadlineAt").asText());
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> Instant.now().isAfter(deadline));

    // Right after the deadline: the runner is stopping the agent for it, or already has.
    HttpResponse<String> lateCancel = system.api().cancel(clawId);

    assertThat(lateCancel.statusCode()).as(lateCancel.body()).isIn(202, 409);
    JsonNode claw = system.api().awaitStatus(clawId, "timed_out");
    assertThat(claw.get("statusReason").asText()).isEqualTo("platform.hard_timeout");
    assertThat(claw.at("/run/pinnedCause").asText()).isEqualTo("platform.hard_timeout");
    HttpResponse<String> cancelAfter = system.api().cancel(clawId);
    assertThat(cancelAfter.statusCode()).as(cancelAfter.body()).isEqualTo(409);
    // Past the cancel grace (3 s in this suite) nothing reclassifies the run.
    await()
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(7))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> "timed_out".equals(system.api().claw(clawId).get("status").asText()));
    JsonNode settled = system.api().claw(clawId);
    assertThat(settled.at("/run/outcome").asText()).isEqualTo("timed_out");
    assertThat(settled.at("/lastFailure/code").asText()).isEqualTo("platform.hard_timeout");
  }

  private UUID create(ClawRequest request) {
    return system
        .api()
        .create(request.repository(system.git().create("app"), "app", true))
        .clawId();
  }
}
