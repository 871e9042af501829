package io.clawops.status.claw;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clawops.contracts.codec.EnvelopeCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClawDocumentsTest {

  /** A document as stored before the cause ledger: causes per run, failures apart, a recovery. */
  private static final String BEFORE_THE_LEDGER =
      """
      {"clawId":"6f1c1d52-6a4e-4c53-9d3b-1f0d5b2f1a10","lifecycle":"finished",
       "createdAt":"2026-11-21T10:00:00Z","updatedAt":"2026-11-21T10:05:00Z",
       "bootstrap":{"ok":true,"steps":{}},
       "runs":[
        {"attempt":1,"runId":"0b7f8c57-9d0e-4b8e-8d6c-3f1d1f1e0a01","pinnedCause":"platform.runner_lost",
         "causes":[{"code":"platform.runner_lost","message":"runner r1 sent no heartbeat for 70 s",
                    "at":"2026-11-21T10:02:00Z"}]},
        {"attempt":2,"runId":"0b7f8c57-9d0e-4b8e-8d6c-3f1d1f1e0a02","pinnedCause":"agent.provider_auth",
         "causes":[{"code":"agent.unknown","message":"odd","at":"2026-11-21T10:03:00Z"},
                   {"code":"agent.provider_auth","message":"provider refused the key",
                    "at":"2026-11-21T10:04:00Z"}]}],
       "lastFailure":{"code":"agent.provider_auth","message":"provider refused the key",
                      "at":"2026-11-21T10:04:00Z","retryable":false},
       "failures":[
        {"code":"platform.repo_clone_failed","message":"clone failed","at":"2026-11-21T10:00:30Z"},
        {"code":"platform.runner_lost","message":"runner r1 sent no heartbeat for 70 s",
         "at":"2026-11-21T10:02:00Z"},
        {"code":"agent.provider_auth","message":"provider refused the key",
         "at":"2026-11-21T10:04:00Z"}],
       "recovery":{"kind":"redispatch","detail":"x","since":"2026-11-21T10:02:00Z","attempt":2},
       "version":7}
      """;

  @Test
  void shouldMoveTheCausesOfADocumentStoredBeforeTheLedgerIntoIt() {
    ClawState claw = ClawDocuments.read(BEFORE_THE_LEDGER);

    assertThat(claw.causes)
        .extracting(Cause::code, Cause::attempt, Cause::failure)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("platform.repo_clone_failed", 0, true),
            org.assertj.core.groups.Tuple.tuple("platform.runner_lost", 1, true),
            org.assertj.core.groups.Tuple.tuple("agent.unknown", 2, false),
            org.assertj.core.groups.Tuple.tuple("agent.provider_auth", 2, true));
    assertThat(claw.failures(20))
        .extracting(Failure::code)
        .containsExactly(
            "platform.repo_clone_failed", "platform.runner_lost", "agent.provider_auth");
    assertThat(claw.lastFailure().message()).isEqualTo("provider refused the key");
    assertThat(claw.currentRun().pinnedMessage()).isEqualTo("provider refused the key");
    // The stored recovery is not carried over: it is derived, and attempt 2 has a pinned cause.
    assertThat(claw.recovery()).isNull();
  }

  @Test
  void shouldWriteEqualStatesAsEqualText() {
    ClawScenario scenario = ClawScenario.running();
    scenario.toolCall("exec", "a", true, null).toolCall("read", "b", true, null);
    String stored = scenario.snapshot().json();

    assertThat(ClawDocuments.write(ClawDocuments.read(stored))).isEqualTo(stored);
  }

  @Test
  void shouldLeaveNullFieldsOutAndReadADocumentThatSpellsThemOutAsTheSameState() throws Exception {
    ClawScenario scenario = ClawScenario.running();
    scenario.toolCall("exec", "a", true, null);
    String stored = scenario.snapshot().json();

    // As a version before NON_NULL wrote the same state: each null field spelled out.
    ObjectNode spelled = (ObjectNode) EnvelopeCodec.mapper().readTree(stored);
    ObjectNode run = (ObjectNode) spelled.path("runs").get(0);
    ObjectNode bootstrap = (ObjectNode) spelled.path("bootstrap");
    ObjectNode loop = (ObjectNode) run.path("loop");
    spellOut(spelled, "clawCause", "clawCauseMessage", "cancelRequestedAt");
    spellOut(run, "finishedAt", "outcome", "pinnedCause", "pinnedMessage", "modelRetry");
    spellOut(bootstrap, "reason", "message");
    spellOut(loop, "repetitionMessage", "repetitionTool");

    assertThat(stored.length()).isLessThan(spelled.toString().length());
    assertThat(ClawDocuments.write(ClawDocuments.read(spelled.toString()))).isEqualTo(stored);
    ClawState read = ClawDocuments.read(stored);
    assertThat(read.currentRun().pinnedCause).isNull();
    assertThat(read.currentRun().loop.repetitionTool).isNull();
    assertThat(read.clawCause).isNull();
  }

  /** Puts an explicit null for each field, after checking the canonical text left it out. */
  private static void spellOut(ObjectNode node, String... fields) {
    for (String field : List.of(fields)) {
      assertThat(node.has(field)).as("%s is left out while null", field).isFalse();
      node.putNull(field);
    }
  }
}
