package io.clawops.runner.adapter;

import static io.clawops.runner.adapter.Fixtures.events;
import static io.clawops.runner.adapter.Fixtures.replay;
import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.contracts.message.RunEvent;
import io.clawops.contracts.message.RunModel;
import io.clawops.contracts.message.RunToolResult;
import io.clawops.contracts.message.RunToolUse;
import io.clawops.runner.agent.Translation;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Recorded lines of Codex 0.169.0 ({@code codex exec --json}) against the scripted provider. */
class CodexExecJsonAdapterTest {

  private final CodexExecJsonAdapter adapter =
      new CodexExecJsonAdapter(UUID.randomUUID(), 1, "scripted-healthy");

  @Test
  void shouldTurnAHealthyRunIntoACommandAndACompletedResult() {
    List<RunEvent> events = events(replay(adapter, "codex/healthy.jsonl"));

    assertThat(events)
        .filteredOn(RunToolUse.class::isInstance)
        .singleElement()
        .satisfies(
            use -> assertThat(((RunToolUse) use).inputSummary()).contains("clawops-healthy.txt"));
    assertThat(events)
        .filteredOn(RunToolResult.class::isInstance)
        .singleElement()
        .satisfies(result -> assertThat(((RunToolResult) result).ok()).isTrue());
    assertThat(adapter.result().completed()).isTrue();
    assertThat(adapter.result().summary()).isEqualTo("All done: the work is complete.");
  }

  @Test
  void shouldNameAFailedSudoAsMissingElevation() {
    List<RunEvent> events = events(replay(adapter, "codex/sudo-loop.jsonl"));

    assertThat(events)
        .filteredOn(RunToolResult.class::isInstance)
        .isNotEmpty()
        .allSatisfy(
            result ->
                assertThat(((RunToolResult) result).errorSummary())
                    .startsWith("elevated is not available"));
    assertThat(adapter.hubMessageLine(UUID.randomUUID(), "stop")).isEmpty();
  }

  @Test
  void shouldStopAtTheFirstRejectedCredentialWithoutTheEchoedKey() {
    List<Translation> translations = replay(adapter, "codex/401.jsonl");

    Translation.Stop stop =
        (Translation.Stop)
            translations.stream()
                .filter(Translation.Stop.class::isInstance)
                .findFirst()
                .orElseThrow();
    assertThat(stop.code()).isEqualTo("agent.provider_auth");
    assertThat(stop.message()).doesNotContain("sk-fake-openai");
  }

  @Test
  void shouldReportReconnectsAsServerErrorRetries() {
    List<RunEvent> events = events(replay(adapter, "codex/529.jsonl"));

    assertThat(events)
        .filteredOn(RunModel.class::isInstance)
        .hasSize(6) // five "Reconnecting... n/5" lines and the final error line
        .allSatisfy(
            event ->
                assertThat(((RunModel) event).reason()).isEqualTo("agent.provider_server_error"));
    assertThat(adapter.result().code()).isEqualTo("agent.provider_server_error");
  }

  @Test
  void shouldClassifyRateLimitAndContextOverflowFromTheFailedTurn() {
    replay(adapter, "codex/429.jsonl");
    assertThat(adapter.result().code()).isEqualTo("agent.provider_rate_limit");

    CodexExecJsonAdapter other = new CodexExecJsonAdapter(UUID.randomUUID(), 1, "m");
    replay(other, "codex/context.jsonl");
    assertThat(other.result().code()).isEqualTo("agent.context_overflow");
  }

  @Test
  void shouldLeaveASilentStreamWithoutResult() {
    assertThat(events(replay(adapter, "codex/silent.jsonl"))).isEmpty();
    assertThat(adapter.result()).isNull();
  }
}
