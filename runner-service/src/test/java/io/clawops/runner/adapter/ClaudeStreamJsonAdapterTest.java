package io.clawops.runner.adapter;

import static io.clawops.runner.adapter.Fixtures.events;
import static io.clawops.runner.adapter.Fixtures.replay;
import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.contracts.message.ModelPhase;
import io.clawops.contracts.message.RunError;
import io.clawops.contracts.message.RunEvent;
import io.clawops.contracts.message.RunHubMessageDelivered;
import io.clawops.contracts.message.RunModel;
import io.clawops.contracts.message.RunToolResult;
import io.clawops.contracts.message.RunToolUse;
import io.clawops.runner.agent.Translation;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Recorded lines of Claude Code 2.1.328 against the scripted provider, replayed. */
class ClaudeStreamJsonAdapterTest {

  private final ClaudeStreamJsonAdapter adapter =
      new ClaudeStreamJsonAdapter(UUID.randomUUID(), 1, "scripted-healthy", "do the work");

  @Test
  void shouldTurnAHealthyRunIntoToolEventsAndACompletedResult() {
    List<RunEvent> events = events(replay(adapter, "claude/healthy.jsonl"));

    assertThat(events).filteredOn(RunToolUse.class::isInstance).hasSize(1);
    RunToolUse use =
        (RunToolUse) events.stream().filter(RunToolUse.class::isInstance).findFirst().get();
    assertThat(use.tool()).isEqualTo("Bash");
    assertThat(use.inputSummary()).contains("clawops-healthy.txt");
    assertThat(events)
        .filteredOn(RunToolResult.class::isInstance)
        .singleElement()
        .satisfies(result -> assertThat(((RunToolResult) result).ok()).isTrue());
    assertThat(events).filteredOn(RunModel.class::isInstance).hasSize(2);
    assertThat(adapter.toolCallPending()).isFalse();
    assertThat(adapter.result().completed()).isTrue();
    assertThat(adapter.result().summary()).isEqualTo("All done: the work is complete.");
    assertThat(events).extracting(RunEvent::seq).containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  void shouldNameRefusedSudoAsMissingElevationForTheL1Path() {
    List<RunEvent> events = events(replay(adapter, "claude/sudo.jsonl"));

    List<RunToolResult> results =
        events.stream()
            .filter(RunToolResult.class::isInstance)
            .map(RunToolResult.class::cast)
            .toList();
    assertThat(results).hasSize(3);
    assertThat(results)
        .allSatisfy(
            result -> {
              assertThat(result.ok()).isFalse();
              assertThat(result.errorSummary()).startsWith("elevated is not available: ");
            });
    assertThat(adapter.result().completed()).isTrue();
  }

  @Test
  void shouldReportTheHubMessageDeliveredWhenTheCliTookItIn() {
    UUID commandId = UUID.randomUUID();
    adapter.hubMessageLine(
        commandId, "Elevated execution is not available in this runtime; do not use sudo.");

    List<RunEvent> events = events(replay(adapter, "claude/sudo.jsonl"));

    // Echoed after the third denial: the call already under way ended before the message counted,
    // and the model's next answer follows it.
    int delivered = events.size() - 2;
    assertThat(events.get(delivered)).isInstanceOf(RunHubMessageDelivered.class);
    assertThat(((RunHubMessageDelivered) events.get(delivered)).commandId()).isEqualTo(commandId);
    assertThat(events.get(delivered - 1)).isInstanceOf(RunToolResult.class);
    assertThat(events.get(delivered + 1)).isInstanceOf(RunModel.class);
    assertThat(adapter.confirmsDelivery()).isTrue();
  }

  @Test
  void shouldReportRateLimitRetriesAsModelRetriesNotAnswers() {
    List<RunEvent> events = events(replay(adapter, "claude/429.jsonl"));

    assertThat(events)
        .allSatisfy(
            event -> {
              assertThat(event).isInstanceOf(RunModel.class);
              assertThat(((RunModel) event).phase()).isEqualTo(ModelPhase.RETRY);
              assertThat(((RunModel) event).reason()).isEqualTo("agent.provider_rate_limit");
            })
        .hasSize(6);
    assertThat(adapter.providerTrouble()).startsWith("agent.provider_rate_limit (HTTP 429");
    assertThat(adapter.result()).isNull();
  }

  @Test
  void shouldReadOverloadAsAServerError() {
    List<RunEvent> events = events(replay(adapter, "claude/529.jsonl"));

    assertThat(events)
        .allSatisfy(
            event ->
                assertThat(((RunModel) event).reason()).isEqualTo("agent.provider_server_error"));
  }

  @Test
  void shouldStopAtTheFirstRejectedCredential() {
    List<Translation> translations = replay(adapter, "claude/401.jsonl");

    assertThat(translations).filteredOn(Translation.Stop.class::isInstance).isNotEmpty();
    Translation.Stop stop =
        (Translation.Stop)
            translations.stream().filter(Translation.Stop.class::isInstance).findFirst().get();
    assertThat(stop.code()).isEqualTo("agent.provider_auth");
    assertThat(events(translations))
        .filteredOn(RunError.class::isInstance)
        .first()
        .satisfies(error -> assertThat(((RunError) error).code()).isEqualTo("agent.provider_auth"));
  }

  @Test
  void shouldClassifyATooLongPromptAsContextOverflow() {
    replay(adapter, "claude/context.jsonl");

    assertThat(adapter.result().completed()).isFalse();
    assertThat(adapter.result().code()).isEqualTo("agent.context_overflow");
  }

  @Test
  void shouldLeaveASilentStreamWithoutAnswerOrResult() {
    List<Translation> translations = replay(adapter, "claude/silent.jsonl");

    assertThat(events(translations)).isEmpty();
    assertThat(adapter.result()).isNull();
    assertThat(adapter.sawProtocolLine()).isTrue();
    assertThat(adapter.modelSilentMillis()).isPresent();
  }

  @Test
  void shouldSendThePromptAndHubMessagesAsUserMessages() {
    assertThat(adapter.openingLines())
        .singleElement()
        .satisfies(line -> assertThat(line).contains("\"type\":\"user\"").contains("do the work"));
    assertThat(adapter.hubMessageLine(UUID.randomUUID(), "no sudo here"))
        .hasValueSatisfying(
            line -> assertThat(line).contains(ClaudeStreamJsonAdapter.HUB_PREFIX + "no sudo here"));
    assertThat(adapter.closeStdinAfterResult()).isTrue();
  }
}
