package io.clawops.contracts.message;

import static io.clawops.contracts.message.SampleMessages.CLAW_ID;
import static io.clawops.contracts.message.SampleMessages.RUN_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.NullNode;
import io.clawops.contracts.sanitize.Sanitizer;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageRecordsTest {

  private static final String TOKEN = "ghp_" + "M4n5".repeat(9);

  @Test
  void shouldSanitizeErrorSummaryOnConstruction() {
    RunToolResult result =
        new RunToolResult(
            RUN_ID,
            1,
            1,
            "c1",
            "exec",
            false,
            "push failed for " + TOKEN + "\n" + "x".repeat(500),
            null);

    assertThat(result.errorSummary())
        .doesNotContain(TOKEN)
        .startsWith("push failed for " + Sanitizer.REDACTED + " xxx")
        .hasSizeLessThanOrEqualTo(Sanitizer.MESSAGE_MAX);
  }

  @Test
  void shouldCapInputSummaryToSummaryMax() {
    RunToolUse use = new RunToolUse(RUN_ID, 1, 1, "c1", "exec", "d1", "y".repeat(1000));

    assertThat(use.inputSummary()).hasSize(Sanitizer.SUMMARY_MAX).endsWith("…");
  }

  @Test
  void shouldSanitizeEveryTextInBootstrapEvidence() {
    Map<String, Object> evidence =
        Map.of(
            "url",
            "https://bot:" + TOKEN + "@github.com/acme/app.git",
            "attempts",
            List.of(Map.of("log", "token=abc123")),
            "gitDir",
            false);

    BootstrapStep step =
        new BootstrapStep("repositories_cloned", StepOutcome.FAILED, null, null, 1, 5, evidence);

    assertThat(step.evidence())
        .containsEntry("url", "https://***@github.com/acme/app.git")
        .containsEntry("attempts", List.of(Map.of("log", "token=[REDACTED]")))
        .containsEntry("gitDir", false);
  }

  @Test
  void shouldSanitizeTheAgentsModelNameAndRetryReason() {
    String key = "sk" + "-proj-" + "Oa5QhWz3kRtY0001Vu9XpLm2-bQe";
    RunModel model =
        new RunModel(
            SampleMessages.RUN_ID,
            1,
            3,
            ModelPhase.RETRY,
            "gpt via https://proxy:" + key + "@llm.example.com",
            10L,
            "rejected " + key);

    assertThat(model.model()).isEqualTo("gpt via https://***@llm.example.com");
    assertThat(model.reason()).isEqualTo("rejected " + Sanitizer.REDACTED);
  }

  @Test
  void shouldSanitizeEveryTextOfABootstrapRequestsSpec() throws Exception {
    String token = "gh" + "p_" + "Gc7QhWz3kRtY0001Vu9XpLm2NbQe";
    com.fasterxml.jackson.databind.JsonNode spec =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(
                "{\"runtime\":\""
                    + token
                    + "\",\"repositories\":[{\"url\":\"https://h/a.git?access_token="
                    + token
                    + "\",\"required\":true}],\"maxAttempts\":3}");

    BootstrapRequested requested = new BootstrapRequested("wf", spec, SampleMessages.DEADLINE);

    assertThat(requested.spec().toString()).doesNotContain(token);
    assertThat(requested.spec().path("runtime").asText()).isEqualTo(Sanitizer.REDACTED);
    assertThat(requested.spec().path("repositories").get(0).path("required").asBoolean()).isTrue();
    assertThat(requested.spec().path("maxAttempts").asInt()).isEqualTo(3);
    assertThat(spec.toString()).as("the caller's node is left alone").contains(token);
  }

  @Test
  void shouldDefaultMissingRunErrorCodeToAgentUnknown() {
    assertThat(new RunError(RUN_ID, 1, 1, null, "boom").code()).isEqualTo("agent.unknown");
  }

  @Test
  void shouldRejectRecordThatBreaksTheContractNamingTheField() {
    assertThatThrownBy(() -> new RunClaimed(RUN_ID, 1, 0, UUID.randomUUID(), "runner-1"))
        .isInstanceOf(MessageFormatException.class)
        .hasMessage("seq: must be a positive integer");
    assertThatThrownBy(() -> new CommandInjectMessage(UUID.randomUUID(), RUN_ID, "\n\t", "L1"))
        .hasMessage("text: must not be blank");
  }

  @Test
  void shouldNeverHoldNullFallbackProfiles() {
    TaskDispatched task = SampleMessages.task();
    TaskDispatched withoutFallbacks =
        new TaskDispatched(
            task.taskId(),
            1,
            task.runtime(),
            task.prompt(),
            task.workspacePath(),
            task.modelProfile(),
            null,
            task.capabilities(),
            task.timeouts(),
            3);

    assertThat(withoutFallbacks.fallbackProfiles()).isEmpty();
  }

  @Test
  void shouldNotSanitizeThePromptBecauseItIsTheAgentsInput() {
    TaskDispatched task = SampleMessages.task();
    String prompt = "Step 1:\n\tRun `make`\n" + "z".repeat(5000);

    TaskDispatched withLongPrompt =
        new TaskDispatched(
            task.taskId(),
            1,
            task.runtime(),
            prompt,
            task.workspacePath(),
            task.modelProfile(),
            List.of(),
            task.capabilities(),
            task.timeouts(),
            3);

    assertThat(withLongPrompt.prompt()).isEqualTo(prompt);
  }

  @Test
  void shouldBuildEnvelopeWithCurrentSchemaTypeFromDataAndMillisecondTime() {
    Envelope first = Envelope.of(CLAW_ID, "runner/runner-1", SampleMessages.toolResult());
    Envelope second = Envelope.of(CLAW_ID, "runner/runner-1", SampleMessages.toolResult());

    assertThat(first.schema()).isEqualTo(Envelope.CURRENT_SCHEMA).isEqualTo(1);
    assertThat(first.type()).isEqualTo(RunToolResult.TYPE);
    assertThat(first.occurredAt()).isEqualTo(first.occurredAt().truncatedTo(ChronoUnit.MILLIS));
    assertThat(first.eventId()).isNotEqualTo(second.eventId());
    assertThat(first.key()).isEqualTo(CLAW_ID.toString());
  }

  @Test
  void shouldRejectEnvelopeWhoseTypeDiffersFromItsData() {
    assertThatThrownBy(
            () ->
                new Envelope(
                    UUID.randomUUID(),
                    "run.error",
                    CLAW_ID,
                    java.time.Instant.now(),
                    null,
                    1,
                    SampleMessages.toolResult()))
        .isInstanceOf(MessageFormatException.class)
        .hasMessageStartingWith("type: ");
  }

  @Test
  void shouldKeepUnknownDataRawAndNeverNull() {
    assertThat(new UnknownData("x.y", null).raw()).isEqualTo(NullNode.instance);
  }

  @Test
  void shouldRejectARunnerBeatWithMoreBusySlotsThanItHas() {
    assertThatThrownBy(() -> new RunnerBeat("runner-1", 2, 3, List.of(), "v", 5, 1, false))
        .isInstanceOf(MessageFormatException.class)
        .hasMessageContaining("slotsBusy");
  }

  @Test
  void shouldKeyEveryBeatOfOneRunnerAlikeAndApartFromOtherRunners() {
    assertThat(RunnerBeat.fleetKey("runner-1"))
        .isEqualTo(RunnerBeat.fleetKey("runner-1"))
        .isNotEqualTo(RunnerBeat.fleetKey("runner-2"));
  }
}
