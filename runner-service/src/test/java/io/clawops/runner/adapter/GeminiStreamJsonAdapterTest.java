package io.clawops.runner.adapter;

import static io.clawops.runner.adapter.Fixtures.events;
import static io.clawops.runner.adapter.Fixtures.replay;
import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.contracts.message.RunEvent;
import io.clawops.contracts.message.RunModel;
import io.clawops.contracts.message.RunToolResult;
import io.clawops.contracts.message.RunToolUse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Recorded lines of Gemini CLI 0.61.0 ({@code --output-format stream-json}). */
class GeminiStreamJsonAdapterTest {

  private final GeminiStreamJsonAdapter adapter =
      new GeminiStreamJsonAdapter(UUID.randomUUID(), 1, "scripted-healthy");

  @Test
  void shouldTurnAHealthyRunIntoAShellCallAndACompletedResult() {
    List<RunEvent> events = events(replay(adapter, "gemini/healthy.jsonl"));

    assertThat(events)
        .filteredOn(RunToolUse.class::isInstance)
        .singleElement()
        .satisfies(use -> assertThat(((RunToolUse) use).tool()).isEqualTo("run_shell_command"));
    assertThat(events)
        .filteredOn(RunToolResult.class::isInstance)
        .singleElement()
        .satisfies(result -> assertThat(((RunToolResult) result).ok()).isTrue());
    assertThat(events).filteredOn(RunModel.class::isInstance).hasSize(1);
    assertThat(adapter.result().completed()).isTrue();
    assertThat(adapter.result().summary()).isEqualTo("All done: the work is complete.");
  }

  @Test
  void shouldClassifyTheErrorResults() {
    replay(adapter, "gemini/401.jsonl");
    assertThat(adapter.result().code()).isEqualTo("agent.provider_auth");

    GeminiStreamJsonAdapter context = new GeminiStreamJsonAdapter(UUID.randomUUID(), 1, "m");
    replay(context, "gemini/context.jsonl");
    assertThat(context.result().code()).isEqualTo("agent.context_overflow");
  }

  @Test
  void shouldSeeRepeatedFailedCallsWithTheSameInput() {
    List<RunToolUse> uses =
        events(replay(adapter, "gemini/sudo-loop.jsonl")).stream()
            .filter(RunToolUse.class::isInstance)
            .map(RunToolUse.class::cast)
            .toList();

    assertThat(uses).hasSize(4);
    assertThat(uses).extracting(RunToolUse::inputDigest).containsOnly(uses.get(0).inputDigest());
  }

  @Test
  void shouldReadThePolicyDenialOfSudoAsElevatedExecutionNotAvailable() {
    // Recorded with the policy file GeminiLaunch writes when elevatedExec is false: the first
    // lines of a run that asks for sudo again and again until ClawOps stops it.
    List<RunToolResult> results =
        events(replay(adapter, "gemini/sudo-denied.jsonl")).stream()
            .filter(RunToolResult.class::isInstance)
            .map(RunToolResult.class::cast)
            .toList();

    assertThat(results).hasSize(3);
    assertThat(results)
        .allSatisfy(
            result -> {
              assertThat(result.ok()).isFalse();
              assertThat(result.tool()).isEqualTo("run_shell_command");
              assertThat(result.errorSummary())
                  .startsWith("elevated is not available: Tool execution denied by policy.");
            });
    assertThat(adapter.result()).isNull();
  }

  @Test
  void shouldKeepTheModelClockRunningWhenRetriesAreSilent() {
    replay(adapter, "gemini/429.jsonl");

    assertThat(adapter.result()).isNull();
    assertThat(adapter.modelSilentMillis()).isPresent();
    assertThat(adapter.hubMessageLine(UUID.randomUUID(), "x")).isEmpty();
  }
}
