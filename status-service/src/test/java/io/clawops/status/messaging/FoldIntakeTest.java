package io.clawops.status.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Batches that arrive while a round runs are applied together, in order, and within a bound. */
class FoldIntakeTest {

  private final BlockingQueue<List<String>> rounds = new LinkedBlockingQueue<>();
  private final CountDownLatch firstRoundStarted = new CountDownLatch(1);
  private final CountDownLatch releaseFirstRound = new CountDownLatch(1);
  private FoldIntake<String> intake;
  private volatile boolean interrupted;

  @AfterEach
  void stop() {
    releaseFirstRound.countDown();
    if (intake != null) {
      intake.stop();
    }
  }

  /** A round that records its batches; the first one waits until released. */
  private void round(List<String> batches) {
    rounds.add(batches);
    if (firstRoundStarted.getCount() > 0) {
      firstRoundStarted.countDown();
      try {
        releaseFirstRound.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        interrupted = true;
        Thread.currentThread().interrupt();
      }
    }
    if (batches.contains("bad")) {
      throw new IllegalStateException("a round that fails");
    }
    if (batches.contains("fatal")) {
      throw new AssertionError("a round that ends the worker");
    }
  }

  @Test
  void shouldApplyTheBatchesThatArriveDuringARoundTogetherInTheirOrder() throws Exception {
    intake = new FoldIntake<>("fold-test", 100, String::length, this::round);
    assertThat(intake.offer("a")).isCompleted();
    assertThat(firstRoundStarted.await(5, TimeUnit.SECONDS)).isTrue();
    intake.offer("b");
    intake.offer("c");
    intake.offer("d");
    releaseFirstRound.countDown();

    assertThat(rounds.poll(5, TimeUnit.SECONDS)).containsExactly("a");
    assertThat(rounds.poll(5, TimeUnit.SECONDS)).containsExactly("b", "c", "d");
  }

  @Test
  void shouldHoldTheConnectorBackOnceTheBoundIsReachedUntilARoundTookTheBatches() throws Exception {
    intake = new FoldIntake<>("fold-test", 10, String::length, this::round);
    intake.offer("first");
    assertThat(firstRoundStarted.await(5, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> below = intake.offer("1234").toCompletableFuture();
    CompletableFuture<Void> crossing = intake.offer("567890").toCompletableFuture();
    CompletableFuture<Void> beyond = intake.offer("x").toCompletableFuture();
    assertThat(below).isCompleted();
    // 4 + 6 records wait: the bound of 10 is reached, the next batch waits for room.
    assertThat(crossing).isNotCompleted();
    assertThat(beyond).isNotCompleted();

    releaseFirstRound.countDown();
    crossing.get(5, TimeUnit.SECONDS);
    beyond.get(5, TimeUnit.SECONDS);
    assertThat(rounds.poll(5, TimeUnit.SECONDS)).containsExactly("first");
    assertThat(rounds.poll(5, TimeUnit.SECONDS)).containsExactly("1234", "567890", "x");
  }

  @Test
  void shouldKeepApplyingRoundsAfterOneFailed() throws Exception {
    intake = new FoldIntake<>("fold-test", 100, String::length, this::round);
    releaseFirstRound.countDown();
    intake.offer("bad");
    assertThat(rounds.poll(5, TimeUnit.SECONDS)).containsExactly("bad");
    intake.offer("good");
    assertThat(rounds.poll(5, TimeUnit.SECONDS)).containsExactly("good");
  }

  @Test
  void shouldFailTheStreamWhenTheWorkerEndsInsteadOfStallingUnseen() throws Exception {
    intake = new FoldIntake<>("fold-test", 5, String::length, this::round);
    releaseFirstRound.countDown();
    intake.offer("fatal");
    assertThat(rounds.poll(5, TimeUnit.SECONDS)).containsExactly("fatal");
    // The worker is gone: every later batch fails the stage the connector waits on.
    CompletableFuture<Void> later = intake.offer("after").toCompletableFuture();
    assertThat(later).failsWithin(5, TimeUnit.SECONDS);
    assertThat(rounds.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void shouldFinishTheRoundBeingAppliedOnStopAndApplyNothingAfter() throws Exception {
    intake = new FoldIntake<>("fold-test", 100, String::length, this::round);
    intake.offer("running");
    assertThat(firstRoundStarted.await(5, TimeUnit.SECONDS)).isTrue();
    intake.offer("waiting");
    intake.stop();
    releaseFirstRound.countDown();
    assertThat(rounds.poll(5, TimeUnit.SECONDS)).containsExactly("running");
    // Not interrupted: the round ran to its end, so it failed nothing that is fine.
    assertThat(interrupted).isFalse();
    // What waited stays unapplied, unacknowledged, to be redelivered.
    assertThat(rounds.poll(500, TimeUnit.MILLISECONDS)).isNull();
  }
}
