package io.clawops.status.claw;

import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.contracts.message.ClawStatus;
import io.clawops.contracts.message.CommandInjectMessage;
import org.junit.jupiter.api.Test;

class LoopRulesTest {

  private static final String ELEVATED = "exec failed: elevated is not available";
  private static final String NO_INPUT = "the agent takes no input mid-run (runtime codex)";

  @Test
  void shouldInjectOneMessageNamingTheCapabilityAfterTwoElevatedFailures() {
    ClawScenario scenario = ClawScenario.running();

    scenario.toolCall("exec", "sudo", false, ELEVATED);
    assertThat(scenario.injected()).isEmpty();
    scenario.toolCall("exec", "sudo", false, ELEVATED);

    assertThat(scenario.injected())
        .singleElement()
        .satisfies(
            message -> {
              assertThat(message.text()).contains("Elevated execution is not available");
              assertThat(message.rule()).isEqualTo("L1");
              assertThat(message.runId()).isEqualTo(scenario.runId());
            });
    assertThat(scenario.status().status()).isEqualTo(ClawStatus.RECOVERING);
  }

  @Test
  void shouldBlockAndCancelWhenTheCapabilityErrorPersistsAfterDelivery() {
    ClawScenario scenario = ClawScenario.running();
    scenario.toolCall("exec", "sudo", false, ELEVATED).toolCall("exec", "sudo", false, ELEVATED);
    CommandInjectMessage message = scenario.injected().get(0);
    // An error already on its way before delivery does not count as persisting.
    scenario.toolCall("exec", "sudo", false, ELEVATED);
    assertThat(scenario.status().status()).isEqualTo(ClawStatus.RECOVERING);

    scenario.delivered(message.commandId()).toolCall("exec", "sudo", false, ELEVATED);

    assertThat(scenario.status().status()).isEqualTo(ClawStatus.TOOL_BLOCKED);
    assertThat(scenario.status().reason()).isEqualTo("platform.capability_missing");
    assertThat(scenario.cancels())
        .singleElement()
        .satisfies(c -> assertThat(c.runId()).isEqualTo(scenario.runId()));
    assertThat(scenario.claw().hubMessages)
        .singleElement()
        .satisfies(m -> assertThat(m.outcome()).isEqualTo("loop_persisted"));
    assertThat(scenario.injected()).hasSize(1);
  }

  @Test
  void shouldStopAtOnceWithTheCapabilityReasonWhenTheL1MessageCannotBeDelivered() {
    ClawScenario scenario = ClawScenario.running();
    scenario.toolCall("exec", "sudo", false, ELEVATED).toolCall("exec", "sudo", false, ELEVATED);
    CommandInjectMessage message = scenario.injected().get(0);

    scenario.undelivered(message.commandId(), NO_INPUT);

    assertThat(scenario.status().status()).isEqualTo(ClawStatus.TOOL_BLOCKED);
    assertThat(scenario.status().reason()).isEqualTo("platform.capability_missing");
    assertThat(scenario.status().message())
        .contains("elevatedExec")
        .contains("could not be delivered")
        .contains(NO_INPUT);
    assertThat(scenario.cancels())
        .singleElement()
        .satisfies(c -> assertThat(c.runId()).isEqualTo(scenario.runId()));
    assertThat(scenario.claw().hubMessages)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.delivered()).isFalse();
              assertThat(m.delivery()).isEqualTo("undelivered");
              assertThat(m.undeliveredReason()).isEqualTo(NO_INPUT);
              assertThat(m.outcome()).isEqualTo("loop_persisted");
            });
    assertThat(scenario.timeline)
        .anySatisfy(entry -> assertThat(entry.summary()).contains("not delivered: " + NO_INPUT));
    assertThat(ClawDocuments.read(ClawDocuments.write(scenario.claw())).hubMessages)
        .isEqualTo(scenario.claw().hubMessages);
  }

  @Test
  void shouldReadAStoredMessageFromBeforeDeliveryWasTracked() {
    ClawScenario scenario = ClawScenario.running();
    scenario.toolCall("exec", "sudo", false, ELEVATED).toolCall("exec", "sudo", false, ELEVATED);
    String stored =
        ClawDocuments.write(scenario.claw())
            .replace("\"delivery\":\"sent\",", "")
            .replace(",\"undeliveredReason\":null", "");
    assertThat(stored).doesNotContain("\"delivery\"").doesNotContain("undeliveredReason");

    ClawState read = ClawDocuments.read(stored);

    assertThat(read.hubMessages)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.delivery()).isEqualTo("sent");
              assertThat(m.outcome()).isEqualTo("pending");
            });
  }

  @Test
  void shouldStopAtOnceAsAToolLoopWhenTheL2MessageCannotBeDelivered() {
    ClawScenario scenario = ClawScenario.running();
    for (int i = 0; i < 3; i++) {
      scenario.toolCall("read", "a", false, "no such file");
    }

    scenario.undelivered(scenario.injected().get(0).commandId(), NO_INPUT);

    assertThat(scenario.status().status()).isEqualTo(ClawStatus.TOOL_BLOCKED);
    assertThat(scenario.status().reason()).isEqualTo("platform.tool_loop");
    assertThat(scenario.status().message()).contains("'read'").contains("could not be delivered");
    assertThat(scenario.cancels()).hasSize(1);
    // The stop is final: the loop going on while the cancel lands sends no second message.
    scenario.toolCall("read", "a", false, "no such file").toolCall("read", "a", false, "x");
    assertThat(scenario.injected()).hasSize(1);
  }

  @Test
  void shouldNotStopForAnUndeliveredMessageWhoseLoopAlreadyRecovered() {
    ClawScenario scenario = ClawScenario.running();
    scenario.toolCall("exec", "sudo", false, ELEVATED).toolCall("exec", "sudo", false, ELEVATED);
    CommandInjectMessage message = scenario.injected().get(0);
    scenario.delivered(message.commandId()).toolCall("exec", "make-install-user", true, null);

    // A delivery the runner confirmed stays confirmed, whatever arrives later.
    scenario.undelivered(message.commandId(), "agent stdin closed");

    assertThat(scenario.status().status()).isEqualTo(ClawStatus.RUNNING);
    assertThat(scenario.cancels()).isEmpty();
    assertThat(scenario.claw().hubMessages)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.delivery()).isEqualTo("delivered");
              assertThat(m.outcome()).isEqualTo("loop_recovered");
            });
  }

  @Test
  void shouldRecordRecoveryWhenTheAgentSucceedsAfterTheMessage() {
    ClawScenario scenario = ClawScenario.running();
    scenario.toolCall("exec", "sudo", false, ELEVATED).toolCall("exec", "sudo", false, ELEVATED);
    scenario.delivered(scenario.injected().get(0).commandId());

    scenario.toolCall("exec", "make-install-user", true, null);

    assertThat(scenario.claw().hubMessages)
        .singleElement()
        .satisfies(m -> assertThat(m.outcome()).isEqualTo("loop_recovered"));
    assertThat(scenario.status().status()).isEqualTo(ClawStatus.RUNNING);
  }

  @Test
  void shouldSendACorrectiveMessageAfterThreeIdenticalCallsWithIdenticalResults() {
    ClawScenario scenario = ClawScenario.running();

    scenario
        .toolCall("read", "a", false, "no such file")
        .toolCall("read", "a", false, "no such file");
    assertThat(scenario.injected()).isEmpty();
    scenario.toolCall("read", "a", false, "no such file");

    assertThat(scenario.injected())
        .singleElement()
        .satisfies(m -> assertThat(m.rule()).isEqualTo("L2"));
  }

  @Test
  void shouldBlockARepetitionThatPersistsAfterTwoMessages() {
    ClawScenario scenario = ClawScenario.running();

    for (int i = 0; i < 9; i++) {
      scenario.toolCall("read", "a", false, "no such file");
    }

    assertThat(scenario.injected()).hasSize(2);
    assertThat(scenario.status().status()).isEqualTo(ClawStatus.TOOL_BLOCKED);
    assertThat(scenario.status().reason()).isEqualTo("platform.tool_loop");
  }

  @Test
  void shouldNotTakePollingWithChangingOutputForALoop() {
    ClawScenario scenario = ClawScenario.running();

    for (int i = 0; i < 10; i++) {
      scenario.toolCall("process_poll", "job-" + i, true, null);
    }

    assertThat(scenario.injected()).isEmpty();
    assertThat(scenario.status().status()).isEqualTo(ClawStatus.RUNNING);
  }

  @Test
  void shouldResetTheStreakOnASuccessfulDifferentCall() {
    ClawScenario scenario = ClawScenario.running();

    scenario
        .toolCall("read", "a", false, "no such file")
        .toolCall("read", "a", false, "no such file");
    scenario.toolCall("ls", "b", true, null);
    scenario
        .toolCall("read", "a", false, "no such file")
        .toolCall("read", "a", false, "no such file");

    assertThat(scenario.injected()).isEmpty();
  }
}
