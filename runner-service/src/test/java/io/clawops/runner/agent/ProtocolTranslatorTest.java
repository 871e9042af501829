package io.clawops.runner.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clawops.contracts.Digests;
import io.clawops.contracts.message.ModelPhase;
import io.clawops.contracts.message.RunError;
import io.clawops.contracts.message.RunModel;
import io.clawops.contracts.message.RunToolResult;
import io.clawops.contracts.message.RunToolUse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProtocolTranslatorTest {

  private static final UUID RUN = UUID.randomUUID();

  private final ProtocolTranslator translator = new ProtocolTranslator(RUN, 2, "task-model");

  @Test
  void shouldTurnAToolUseIntoAnEventWithDigestAndSummary() throws Exception {
    String input = "{\"elevated\":true,\"command\":\"sudo make install\"}";

    RunToolUse use =
        event(
            "{\"type\":\"tool_use\",\"callId\":\"c1\",\"tool\":\"exec\",\"input\":" + input + "}",
            7,
            RunToolUse.class);

    assertThat(use.runId()).isEqualTo(RUN);
    assertThat(use.attempt()).isEqualTo(2);
    assertThat(use.seq()).isEqualTo(7);
    assertThat(use.callId()).isEqualTo("c1");
    assertThat(use.tool()).isEqualTo("exec");
    assertThat(use.inputDigest())
        .isEqualTo(
            Digests.canonicalSha256(
                new ObjectMapper()
                    .readTree("{\"command\":\"sudo make install\",\"elevated\":true}")));
    assertThat(use.inputSummary()).isEqualTo(input);
    assertThat(translator.toolCallPending()).isTrue();
  }

  @Test
  void shouldCapAndSanitizeTheInputSummary() {
    String token = "ghp_" + "Zz99".repeat(9);

    RunToolUse use =
        event(
            "{\"type\":\"tool_use\",\"callId\":\"c1\",\"tool\":\"exec\",\"input\":{\"command\":\"curl -H 'token: "
                + token
                + "' "
                + "x".repeat(400)
                + "\"}}",
            1,
            RunToolUse.class);

    assertThat(use.inputSummary()).hasSizeLessThanOrEqualTo(200).doesNotContain(token);
  }

  @Test
  void shouldNameTheToolOfAResultFromItsCallAndSummarizeTheError() {
    translator.translate(
        "{\"type\":\"tool_use\",\"callId\":\"c1\",\"tool\":\"exec\",\"input\":{}}", 3);

    RunToolResult result =
        event(
            "{\"type\":\"tool_result\",\"callId\":\"c1\",\"ok\":false,\"output\":\"exec failed: elevated is not available\"}",
            4,
            RunToolResult.class);

    assertThat(result.tool()).isEqualTo("exec");
    assertThat(result.ok()).isFalse();
    assertThat(result.errorSummary()).isEqualTo("exec failed: elevated is not available");
    assertThat(result.outputDigest())
        .isEqualTo(Digests.sha256("\"exec failed: elevated is not available\""));
    assertThat(translator.toolCallPending()).isFalse();
  }

  @Test
  void shouldLeaveTheErrorSummaryEmptyForASuccessfulResult() {
    RunToolResult result =
        event(
            "{\"type\":\"tool_result\",\"callId\":\"c9\",\"ok\":true,\"output\":{\"files\":3}}",
            1,
            RunToolResult.class);

    assertThat(result.errorSummary()).isNull();
    assertThat(result.tool()).isEqualTo("unknown");
  }

  @Test
  void shouldTurnAModelLineIntoAnEventDefaultingToTheTaskModel() {
    RunModel model =
        event("{\"type\":\"model\",\"phase\":\"timeout\",\"latencyMs\":120000}", 5, RunModel.class);

    assertThat(model.phase()).isEqualTo(ModelPhase.TIMEOUT);
    assertThat(model.model()).isEqualTo("task-model");
    assertThat(model.latencyMs()).isEqualTo(120_000L);
  }

  @Test
  void shouldMapErrorCodesToKnownAgentCodesOrUnknown() {
    assertThat(
            event(
                    "{\"type\":\"error\",\"code\":\"model_timeout\",\"message\":\"idle\"}",
                    1,
                    RunError.class)
                .code())
        .isEqualTo("agent.model_timeout");
    assertThat(
            event("{\"type\":\"error\",\"code\":\"agent.provider_auth\"}", 2, RunError.class)
                .code())
        .isEqualTo("agent.provider_auth");
    RunError unknown =
        event(
            "{\"type\":\"error\",\"code\":\"platform.hard_timeout\",\"message\":\"fake\"}",
            3,
            RunError.class);
    assertThat(unknown.code()).isEqualTo("agent.unknown");
    assertThat(unknown.message()).isEqualTo("[platform.hard_timeout] fake");
  }

  @Test
  void shouldRememberTheResultWithoutMakingAnEvent() {
    Translation translation =
        translator.translate(
            "{\"type\":\"result\",\"status\":\"completed\",\"summary\":\"done\"}", 9);

    assertThat(translation)
        .isEqualTo(new Translation.Result(new AgentResult("completed", "done", null)));
    assertThat(translator.result().completed()).isTrue();
    assertThat(translator.sawProtocolLine()).isTrue();
  }

  @Test
  void shouldKeepTextAndNonProtocolLinesAsSanitizedLogText() {
    String token = "sk-ant-api03-" + "Qw3rty_".repeat(5);

    assertThat(translator.translate("{\"type\":\"text\",\"text\":\"Reading " + token + "\"}", 1))
        .isEqualTo(new Translation.Log("Reading [REDACTED]"));
    assertThat(translator.sawProtocolLine()).isTrue();
  }

  @Test
  void shouldTreatBrokenOrUnknownLinesAsLogTextWithoutCountingThemAsProtocol() {
    assertThat(translator.translate("plain words", 1)).isInstanceOf(Translation.Log.class);
    assertThat(translator.translate("{\"type\":\"tool_use\",\"callId\":", 1))
        .isInstanceOf(Translation.Log.class);
    assertThat(translator.translate("{\"type\":\"dance\"}", 1)).isInstanceOf(Translation.Log.class);
    assertThat(translator.translate("{\"type\":\"tool_result\",\"callId\":\"c1\"}", 1))
        .isInstanceOf(Translation.Log.class);
    assertThat(translator.translate("{\"type\":\"model\",\"phase\":\"thinking\"}", 1))
        .isInstanceOf(Translation.Log.class);
    assertThat(translator.translate("{\"a\":1} trailing", 1)).isInstanceOf(Translation.Log.class);
    assertThat(((Translation.Log) translator.translate("y".repeat(5000), 1)).text())
        .hasSizeLessThanOrEqualTo(500);
    assertThat(translator.sawProtocolLine()).isFalse();
  }

  private <T> T event(String line, long seq, Class<T> type) {
    Translation translation = translator.translate(line, seq);
    assertThat(translation).isInstanceOf(Translation.Event.class);
    return type.cast(((Translation.Event) translation).event());
  }
}
