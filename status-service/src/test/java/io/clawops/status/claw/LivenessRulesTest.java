package io.clawops.status.claw;

import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.contracts.message.ClawStatus;
import io.clawops.contracts.message.ConnectionState;
import io.clawops.contracts.message.RunHeartbeat;
import io.clawops.contracts.message.RunOutcome;
import io.clawops.contracts.message.TaskDispatched;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LivenessRulesTest {

  private static final Duration BEAT = Duration.ofSeconds(10);

  @Test
  void shouldGoStaleAfterThreeMissedBeatsAndOfflineAfterFive() {
    ClawScenario scenario = ClawScenario.running();
    scenario.beat();

    scenario.advance(BEAT.multipliedBy(3));
    assertThat(Liveness.connection(scenario.claw(), scenario.now, scenario.rules))
        .isEqualTo(ConnectionState.STALE);
    scenario.advance(BEAT.multipliedBy(2));

    assertThat(Liveness.connection(scenario.claw(), scenario.now, scenario.rules))
        .isEqualTo(ConnectionState.OFFLINE);
    assertThat(scenario.status().status()).isEqualTo(ClawStatus.OFFLINE);
    assertThat(scenario.statusChanges())
        .last()
        .satisfies(c -> assertThat(c.connection()).isEqualTo(ConnectionState.OFFLINE));
  }

  @Test
  void shouldRedispatchALostRunAsANewAttemptAndFenceTheOldOne() {
    ClawScenario scenario = ClawScenario.running();
    UUID lost = scenario.runId();
    scenario.beat();

    scenario.advance(BEAT.multipliedBy(7));

    assertThat(scenario.tasks())
        .singleElement()
        .satisfies(task -> assertThat(task.attempt()).isEqualTo(2));
    assertThat(scenario.cancels())
        .singleElement()
        .satisfies(c -> assertThat(c.runId()).isEqualTo(lost));
    assertThat(scenario.status().status()).isEqualTo(ClawStatus.RECOVERING);
    assertThat(scenario.claw().lastFailure().code()).isEqualTo("platform.runner_lost");
  }

  @Test
  void shouldFailAsRunnerLostWhenNoAttemptIsLeft() {
    ClawScenario scenario = new ClawScenario().requested().bootstrapOk();
    scenario
        .dispatch(1, ClawScenario.PRIMARY, List.of(), 1)
        .claim(UUID.randomUUID())
        .start()
        .beat();

    scenario.advance(BEAT.multipliedBy(7));

    assertThat(scenario.tasks()).isEmpty();
    assertThat(scenario.status().status()).isEqualTo(ClawStatus.FAILED);
    assertThat(scenario.status().reason()).isEqualTo("platform.runner_lost");
  }

  @Test
  void shouldKeepModelTimeoutWithConnectionOfflineWhenTheRunnerDropsAfterIt() {
    ClawScenario scenario = ClawScenario.running();
    scenario.beat().modelTimeout();

    scenario.advance(BEAT.multipliedBy(8));

    assertThat(scenario.status().status()).isEqualTo(ClawStatus.MODEL_TIMEOUT);
    assertThat(Liveness.connection(scenario.claw(), scenario.now, scenario.rules))
        .isEqualTo(ConnectionState.OFFLINE);
    assertThat(scenario.tasks()).isEmpty();
  }

  @Test
  void shouldRecoverAProvisionTimeoutAfterTwoConsecutiveLiveBeats() {
    ClawScenario scenario = new ClawScenario().requested();
    scenario.advance(Duration.ofMinutes(11));
    assertThat(scenario.status().reason()).isEqualTo("platform.provision_timeout");
    assertThat(scenario.status().status()).isEqualTo(ClawStatus.FAILED);

    scenario
        .bootstrapOk()
        .dispatch(1, ClawScenario.PRIMARY, List.of(), 3)
        .claim(UUID.randomUUID())
        .start();
    scenario.beat();
    assertThat(scenario.status().status()).isEqualTo(ClawStatus.FAILED);
    scenario.beat();

    assertThat(scenario.status().status()).isEqualTo(ClawStatus.RUNNING);
  }

  @Test
  void shouldNeverRecoverAnEvidenceBasedOutcomeOnHeartbeats() {
    for (RunOutcome outcome :
        List.of(RunOutcome.COMPLETED, RunOutcome.TIMED_OUT, RunOutcome.CANCELLED)) {
      ClawScenario scenario = ClawScenario.running();
      scenario.finished(outcome, null, scenario.now);
      ClawStatus settled = scenario.status().status();

      scenario.beat().beat().beat();

      assertThat(scenario.status().status()).as("after %s", outcome).isEqualTo(settled);
    }
  }

  @Test
  void shouldRedispatchARunWhoseRunnerFellSilentBeforeItStartedTheAgent() {
    ClawScenario scenario = ClawScenario.dispatched();
    UUID lost = UUID.randomUUID();
    scenario.claim(lost).beat();

    // Both rules are due by now: the silent runner is lost, the task is not failed as never
    // started.
    scenario.advance(scenario.rules.startTimeout().plus(BEAT));

    assertThat(scenario.tasks())
        .singleElement()
        .satisfies(task -> assertThat(task.attempt()).isEqualTo(2));
    assertThat(scenario.cancels())
        .singleElement()
        .satisfies(c -> assertThat(c.runId()).isEqualTo(lost));
    assertThat(scenario.claw().lastFailure().code()).isEqualTo("platform.runner_lost");
    assertThat(scenario.status().status()).isEqualTo(ClawStatus.RECOVERING);
  }

  @Test
  void shouldRedispatchARunKnownOnlyFromHeartbeatsWhenItsRunnerFallsSilent() {
    ClawScenario scenario = ClawScenario.dispatched();
    UUID lost = UUID.randomUUID();
    // The runner died after its first beat and before its run.claimed reached the topic.
    scenario.apply(new RunHeartbeat(lost, 1, "runner-1", 0, 1));

    scenario.advance(BEAT.multipliedBy(scenario.rules.redispatchBeats() + 1));

    assertThat(scenario.tasks())
        .singleElement()
        .satisfies(task -> assertThat(task.attempt()).isEqualTo(2));
    assertThat(scenario.cancels())
        .singleElement()
        .satisfies(c -> assertThat(c.runId()).isEqualTo(lost));
    assertThat(scenario.claw().lastFailure().code()).isEqualTo("platform.runner_lost");
  }

  @Test
  void shouldKeepTheRedispatchTimerWhenTheLastBeatIsFoldedAfterItWasDue() {
    ClawScenario scenario = ClawScenario.running();
    scenario.beat();
    Instant lastBeat = scenario.now;
    scenario.now = lastBeat.plus(BEAT.multipliedBy(12));
    // A late-folded beat: every liveness threshold passed before the claw was written again.
    ClawState claw = scenario.claw();
    claw.currentRun().lastHeartbeatAt = lastBeat;

    assertThat(ClawTimers.nextDue(claw, scenario.now, scenario.rules))
        .isEqualTo(lastBeat.plus(BEAT.multipliedBy(scenario.rules.redispatchBeats())));
  }

  @Test
  void shouldFailAClaimedRunThatNeverStarts() {
    ClawScenario scenario = ClawScenario.dispatched();
    scenario.claim(UUID.randomUUID());

    scenario.advance(scenario.rules.startTimeout());

    assertThat(scenario.status().reason()).isEqualTo("platform.dispatch_timeout");
    assertThat(scenario.cancels()).hasSize(1);
  }

  @Test
  void shouldScheduleTheNextTimerFromStoredTimestamps() {
    ClawScenario scenario = ClawScenario.running();
    scenario.beat();

    assertThat(ClawTimers.nextDue(scenario.claw(), scenario.now, scenario.rules))
        .isEqualTo(scenario.now.plus(BEAT.multipliedBy(3)));
  }

  @Test
  void shouldMeasureSilenceFromTheTakeoverNotFromTheLastFoldedBeat() {
    ClawScenario scenario = ClawScenario.running();
    scenario.beat();
    // This instance began folding the claw's partition long after that beat.
    java.time.Instant takeover = scenario.now.plus(BEAT.multipliedBy(20));
    scenario.now = takeover.plus(BEAT.multipliedBy(6));

    scenario.tick(takeover);
    assertThat(scenario.cancels()).isEmpty();
    assertThat(scenario.tasks()).isEmpty();

    scenario.now = takeover.plus(BEAT.multipliedBy(7));
    scenario.tick(takeover);
    assertThat(scenario.cancels()).hasSize(1);
    assertThat(scenario.tasks()).extracting(TaskDispatched::attempt).containsExactly(2);
  }

  @Test
  void shouldMoveEveryDueTimerOnOnceItIsTicked() {
    // A due time that stays in the past after its tick would be swept again at once, forever:
    // enough such claws keep the sweeper from every other claw's timers.
    ClawScenario neverStarted = ClawScenario.dispatched();
    neverStarted.claim(UUID.randomUUID());
    ClawScenario silentLastAttempt = new ClawScenario().requested().bootstrapOk();
    silentLastAttempt.dispatch(1, ClawScenario.PRIMARY, List.of(), 1).claim(UUID.randomUUID());
    silentLastAttempt.start().beat();
    ClawScenario silent = ClawScenario.running();
    silent.beat();
    ClawScenario beatsOnly = ClawScenario.dispatched();
    beatsOnly.apply(new RunHeartbeat(UUID.randomUUID(), 1, "runner-1", 0, 1));
    ClawScenario cancelledSilent = ClawScenario.running();
    cancelledSilent.beat().cancel();
    ClawScenario neverProvisioned = new ClawScenario().requested();

    for (ClawScenario scenario :
        List.of(
            neverStarted,
            silentLastAttempt,
            silent,
            beatsOnly,
            cancelledSilent,
            neverProvisioned)) {
      for (int second = 0; second < 3 * 3600; second += 5) {
        scenario.advance(Duration.ofSeconds(5));
        Instant due = ClawTimers.nextDue(scenario.claw(), scenario.now, scenario.rules);
        assertThat(due == null || due.isAfter(scenario.now))
            .as("next due %s after a tick at %s (%s)", due, scenario.now, scenario.status())
            .isTrue();
      }
    }
    assertThat(neverStarted.status().reason()).isEqualTo("platform.dispatch_timeout");
    assertThat(silentLastAttempt.status().reason()).isEqualTo("platform.runner_lost");
  }

  @Test
  void shouldLookAgainLaterAtATimerHeldBackByARecentTakeover() {
    ClawScenario scenario = ClawScenario.running();
    scenario.beat();
    Instant takeover = scenario.now.plus(BEAT.multipliedBy(20));
    scenario.now = takeover.plus(BEAT.multipliedBy(6));
    scenario.tick(takeover);
    Instant retryAt = scenario.now.plus(Duration.ofSeconds(1));

    // The re-dispatch was due by the folded beats but is held back by the takeover.
    assertThat(ClawTimers.nextDue(scenario.claw(), scenario.now, scenario.rules))
        .isBefore(scenario.now);
    assertThat(ClawTimers.nextDueAfterTick(scenario.claw(), scenario.now, scenario.rules, retryAt))
        .isEqualTo(retryAt);
  }
}
