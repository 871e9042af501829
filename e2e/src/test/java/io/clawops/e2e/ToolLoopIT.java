package io.clawops.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clawops.contracts.Topics;
import io.clawops.contracts.message.CommandCancel;
import io.clawops.contracts.message.CommandInjectMessage;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.RunHubMessageDelivered;
import io.clawops.e2e.system.ClawOpsSystem;
import io.clawops.e2e.system.ClawRecords;
import io.clawops.e2e.system.ClawRequest;
import io.clawops.e2e.system.EndToEnd;
import io.clawops.e2e.system.Envelopes;
import io.clawops.e2e.system.RecordFixture;
import io.clawops.testkit.TopicRecorder;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Tool-policy loops (L1, L3) across real services: the detector's corrective hub message travels
 * status-service → claw.commands → runner → the agent's stdin, and either frees the agent or the
 * claw ends blocked.
 */
@EndToEnd
class ToolLoopIT {

  private final ClawOpsSystem system;

  ToolLoopIT(ClawOpsSystem system) {
    this.system = system;
  }

  @Test
  @RecordFixture("elevated-loop-recovers")
  void shouldCompleteWhenTheCorrectiveHubMessageReachesAnAgentLoopingOnElevatedExec() {
    try (TopicRecorder topics = system.kafka().record(Topics.COMMANDS, Topics.EVENTS)) {
      UUID clawId = create("elevated-loop-recovers interval-ms=300");

      JsonNode claw = system.api().awaitStatus(clawId, "completed");

      Envelope inject = topics.awaitEnvelope(Envelopes.of(clawId, CommandInjectMessage.TYPE));
      CommandInjectMessage command = (CommandInjectMessage) inject.data();
      assertThat(command.rule()).isEqualTo("L1");
      assertThat(command.text()).contains("Elevated execution is not available");
      RunHubMessageDelivered delivered =
          (RunHubMessageDelivered)
              topics.awaitEnvelope(Envelopes.of(clawId, RunHubMessageDelivered.TYPE)).data();
      assertThat(delivered.commandId()).isEqualTo(command.commandId());

      JsonNode hubMessage = claw.get("hubMessages").get(0);
      assertThat(hubMessage.get("commandId").asText()).isEqualTo(command.commandId().toString());
      assertThat(hubMessage.get("delivered").asBoolean()).isTrue();
      assertThat(hubMessage.get("outcome").asText()).isEqualTo("loop_recovered");
      assertThat(ClawRecords.text(claw, "/lastFailure")).isNull();
      assertThat(ClawRecords.condition(claw, "ToolPolicyOk").get("status").asText())
          .isEqualTo("True");
      // The operator reads the message in the timeline, and what the agent did after it.
      List<String> timeline = system.api().timeline(clawId).stream().map(ToolLoopIT::line).toList();
      assertThat(timeline)
          .anySatisfy(line -> assertThat(line).startsWith("hub_message: Elevated execution"))
          .anySatisfy(line -> assertThat(line).contains("make install PREFIX="));
    }
  }

  @Test
  @RecordFixture("elevated-loop-stubborn")
  void shouldEndToolBlockedWhenTheAgentKeepsUsingElevatedExecAfterTheCorrectiveMessage() {
    try (TopicRecorder topics = system.kafka().record(Topics.COMMANDS)) {
      UUID clawId = create("elevated-loop-stubborn interval-ms=300");

      JsonNode claw = system.api().awaitStatus(clawId, "tool_blocked");

      assertThat(claw.get("statusReason").asText()).isEqualTo("platform.capability_missing");
      assertThat(claw.get("statusMessage").asText()).contains("after being told");
      assertThat(claw.get("retryable").asBoolean()).isFalse();
      assertThat(ClawRecords.condition(claw, "ToolPolicyOk").get("status").asText())
          .isEqualTo("False");
      // The blocked run is stopped, and stopping it does not turn the claw into "cancelled".
      String runId = claw.at("/run/runId").asText();
      topics.awaitEnvelope(
          envelope ->
              Envelopes.of(clawId, CommandCancel.TYPE).test(envelope)
                  && runId.equals(String.valueOf(((CommandCancel) envelope.data()).runId())));
      JsonNode finished =
          system
              .api()
              .awaitClaw(
                  clawId,
                  record -> assertThat(record.at("/run/outcome").asText()).isEqualTo("cancelled"));
      assertThat(finished.get("status").asText()).isEqualTo("tool_blocked");
      assertThat(finished.at("/hubMessages/0/outcome").asText()).isEqualTo("loop_persisted");
    }
  }

  private UUID create(String scenario) {
    return system
        .api()
        .create(ClawRequest.scenario(scenario).repository(system.git().create("app"), "app", true))
        .clawId();
  }

  private static String line(JsonNode entry) {
    return entry.get("type").asText() + ": " + entry.get("summary").asText();
  }
}
