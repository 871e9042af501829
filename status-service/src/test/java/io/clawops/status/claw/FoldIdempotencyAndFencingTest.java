package io.clawops.status.claw;

import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.contracts.message.ClawStatus;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.RunFinished;
import io.clawops.contracts.message.RunOutcome;
import io.clawops.contracts.message.RunToolResult;
import io.clawops.contracts.message.RunToolUse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FoldIdempotencyAndFencingTest {

  @Test
  void shouldIgnoreARunEventWhoseSeqWasAlreadyApplied() {
    ClawScenario scenario = ClawScenario.running();
    UUID runId = scenario.runId();
    Envelope use =
        Envelope.of(scenario.clawId, "r", new RunToolUse(runId, 1, 3, "c1", "exec", "d1", "ls"));
    scenario.apply(use);
    String before = scenario.snapshot().json();

    scenario.apply(use);

    assertThat(scenario.snapshot().json()).isEqualTo(before);
  }

  @Test
  void shouldLeaveToTheLedgerExactlyTheRecordsTheClawCannotTellApartOnRedelivery() {
    ClawScenario scenario = new ClawScenario();
    scenario.requested();
    assertThat(scenario.lastDecision().unguarded()).hasSize(1);
    scenario.bootstrapOk();
    assertThat(scenario.lastDecision().unguarded()).hasSize(1);
    scenario.dispatch(1, ClawScenario.PRIMARY, List.of(), 3);
    assertThat(scenario.lastDecision().unguarded()).hasSize(1);
    // Up to its start a second claim may take the attempt over (and reset its seq): ledgered.
    scenario.claim(UUID.randomUUID());
    assertThat(scenario.lastDecision().unguarded()).hasSize(1);
    scenario.start();
    assertThat(scenario.lastDecision().unguarded()).hasSize(1);

    // Started: the run's seq high-water mark and beat counter tell copies apart for good.
    scenario.beat();
    assertThat(scenario.lastDecision().unguarded()).isEmpty();
    scenario.toolCall("read", "d1", true, null);
    assertThat(scenario.lastDecision().unguarded()).isEmpty();
    Envelope use = readNotes(scenario, scenario.runId(), 99);
    scenario.apply(use);
    assertThat(scenario.lastDecision().unguarded()).isEmpty();
    String before = scenario.snapshot().json();
    scenario.apply(use);
    assertThat(scenario.snapshot().json()).isEqualTo(before);

    // Another run's event of the attempt: the run does not know its seq, the ledger must.
    Envelope foreign = readNotes(scenario, UUID.randomUUID(), 1);
    scenario.apply(foreign);
    assertThat(scenario.lastDecision().unguarded()).containsExactly(foreign.eventId());
  }

  /** A {@code read} tool use of attempt 1 by run {@code runId}, at {@code seq}. */
  private static Envelope readNotes(ClawScenario scenario, UUID runId, long seq) {
    return Envelope.of(
        scenario.clawId,
        "r",
        new RunToolUse(runId, 1, seq, "c" + seq, "read", "d" + seq, "cat notes.md"));
  }

  @Test
  void shouldKeepEventsOfAnOlderAttemptAsStaleWithoutChangingTheCurrentOne() {
    ClawScenario scenario = ClawScenario.running();
    UUID oldRun = scenario.runId();
    scenario.dispatch(2, ClawScenario.PRIMARY, List.of(), 3).claim(UUID.randomUUID()).start();

    scenario.apply(
        new RunFinished(
            oldRun, 1, 99, RunOutcome.FAILED, "agent.process_failure", "boom", scenario.now, null));

    assertThat(scenario.status().status()).isEqualTo(ClawStatus.RUNNING);
    assertThat(scenario.claw().currentRun().outcome).isNull();
    assertThat(scenario.timeline).last().satisfies(entry -> assertThat(entry.stale()).isTrue());
  }

  @Test
  void shouldHandTheAttemptToASecondClaimWhenTheFirstNeverStarted() {
    ClawScenario scenario = ClawScenario.dispatched();
    UUID gone = UUID.randomUUID();
    scenario.claim(gone).beat();
    UUID next = UUID.randomUUID();

    // The first runner died before its task was committed: the task went to another runner.
    scenario.apply(
        new io.clawops.contracts.message.RunClaimed(next, 1, 1, UUID.randomUUID(), "runner-2"));
    scenario.apply(
        new io.clawops.contracts.message.RunStarted(
            next, 1, 2, ClawScenario.PRIMARY, scenario.now.plusSeconds(3600)));
    scenario.apply(
        new RunFinished(next, 1, 3, RunOutcome.COMPLETED, null, null, scenario.now, null));

    assertThat(scenario.cancels())
        .singleElement()
        .satisfies(cancel -> assertThat(cancel.runId()).isEqualTo(gone));
    assertThat(scenario.claw().currentRun().runnerId).isEqualTo("runner-2");
    assertThat(scenario.status().status()).isEqualTo(ClawStatus.COMPLETED);
    assertThat(scenario.tasks()).isEmpty();
  }

  @Test
  void shouldStopAClaimOfAnAttemptThatWasAlreadySuperseded() {
    ClawScenario scenario = ClawScenario.dispatched();
    scenario.claim(UUID.randomUUID()).beat();
    // The runner fell silent; liveness re-dispatched attempt 2 and fenced the old run.
    scenario.advance(java.time.Duration.ofSeconds(10).multipliedBy(8));
    assertThat(scenario.tasks())
        .singleElement()
        .satisfies(t -> assertThat(t.attempt()).isEqualTo(2));
    UUID late = UUID.randomUUID();

    // Attempt 1's task, never committed by the dead runner, reaches another runner.
    scenario.apply(
        new io.clawops.contracts.message.RunClaimed(late, 1, 1, UUID.randomUUID(), "runner-2"));

    assertThat(scenario.cancels()).extracting(c -> c.runId()).contains(late);
    assertThat(scenario.claw().currentRun().attempt).isEqualTo(2);
  }

  @Test
  void shouldStopASecondRunnerThatClaimedTheSameAttempt() {
    ClawScenario scenario = ClawScenario.running();
    UUID intruder = UUID.randomUUID();

    scenario.apply(
        new io.clawops.contracts.message.RunClaimed(intruder, 1, 1, UUID.randomUUID(), "runner-2"));

    assertThat(scenario.cancels())
        .singleElement()
        .satisfies(cancel -> assertThat(cancel.runId()).isEqualTo(intruder));
    assertThat(scenario.claw().currentRun().runnerId).isEqualTo("runner-1");
  }

  @Test
  void shouldAcceptRunEventsThatOvertookTheirTaskOnAnotherTopic() {
    ClawScenario scenario = new ClawScenario().requested().bootstrapOk();
    UUID runId = UUID.randomUUID();

    scenario.apply(
        new io.clawops.contracts.message.RunClaimed(runId, 1, 1, UUID.randomUUID(), "runner-1"));
    scenario.apply(new RunToolResult(runId, 1, 2, "c1", "exec", true, null, "x"));
    scenario.dispatch(1, ClawScenario.PRIMARY, List.of(), 3);

    assertThat(scenario.claw().runs).hasSize(1);
    assertThat(scenario.claw().currentRun().runId).isEqualTo(runId);
    assertThat(scenario.claw().currentRun().highSeq).isEqualTo(2);
  }

  /**
   * A replay may fold one topic of a claw well ahead of another (ReplayKillFaultIT): the claw and
   * its attempt are dated by their own records, not by whichever record was folded first.
   */
  @Test
  void shouldDateAClawAndItsAttemptByTheirOwnRecordsWhicheverTopicIsFoldedFirst() {
    ClawScenario scenario = new ClawScenario();
    java.time.Instant requestedAt = scenario.now;
    UUID runId = UUID.randomUUID();
    scenario.now = requestedAt.plusSeconds(5);
    // The claw's first folded record is its claim, from claw.events.
    scenario.apply(
        new io.clawops.contracts.message.RunClaimed(runId, 1, 1, UUID.randomUUID(), "runner-1"));
    scenario.now = requestedAt;
    scenario.requested().bootstrapOk();
    scenario.now = requestedAt.plusSeconds(1);
    scenario.dispatch(1, ClawScenario.PRIMARY, List.of(), 3);

    assertThat(scenario.claw().createdAt).isEqualTo(requestedAt);
    assertThat(scenario.claw().currentRun().dispatchedAt).isEqualTo(requestedAt.plusSeconds(1));
    assertThat(scenario.claw().currentRun().runId).isEqualTo(runId);
    assertThat(scenario.timeline)
        .anyMatch(
            line ->
                line.type().equals("task.dispatched")
                    && line.at().equals(requestedAt.plusSeconds(1))
                    && line.summary().equals("attempt 1 dispatched with model profile primary"));
  }

  @Test
  void shouldUseTheFallbackOfATaskFoldedAfterItsRunsModelTimeout() {
    ClawScenario scenario = new ClawScenario().requested().bootstrapOk();
    UUID runId = UUID.randomUUID();
    scenario.apply(
        new io.clawops.contracts.message.RunClaimed(runId, 1, 1, UUID.randomUUID(), "r1"));
    scenario.apply(
        new io.clawops.contracts.message.RunModel(
            runId, 1, 2, io.clawops.contracts.message.ModelPhase.TIMEOUT, "minimax-m2", 1L));

    scenario.dispatch(1, ClawScenario.PRIMARY, List.of(ClawScenario.FALLBACK), 3);

    assertThat(scenario.tasks())
        .singleElement()
        .satisfies(task -> assertThat(task.modelProfile()).isEqualTo(ClawScenario.FALLBACK));
    assertThat(scenario.status().status())
        .isEqualTo(io.clawops.contracts.message.ClawStatus.RECOVERING);
  }
}
