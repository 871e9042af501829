package io.clawops.status.claw;

import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.contracts.codec.EnvelopeCodec;
import io.clawops.contracts.message.BootstrapCompleted;
import io.clawops.contracts.message.BootstrapRequested;
import io.clawops.contracts.message.ClawStatus;
import io.clawops.contracts.message.ConnectionState;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.RunClaimed;
import io.clawops.contracts.message.RunHeartbeat;
import io.clawops.contracts.message.RunOutcome;
import io.clawops.contracts.message.RunToolUse;
import io.clawops.contracts.message.StepOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per rule of DESIGN §6.2 and §7, each named by its rule: a history driven through {@link
 * ClawReducer} and what the rule says must come of it. Every row is also replayed from its recorded
 * inputs, one decision at a time (on the snapshot just decided, and on one read back from its
 * stored text) and all in one {@code decideAll}, and must give the same document and the same
 * published records, byte for byte: the reducer reads no clock and mints no random id.
 */
class RuleTableTest {

  private static final String ELEVATED = "exec failed: elevated is not available";
  private static final Duration BEAT = Duration.ofSeconds(10);

  /** A row: the rule it proves, the history, and what must hold afterwards. */
  private static Arguments row(
      String rule, Consumer<ClawScenario> history, Consumer<ClawScenario> expect) {
    return Arguments.of(rule, history, expect);
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        row(
            "F1 a run event delivered twice is applied once",
            s -> {
              Envelope use =
                  Envelope.of(
                      s.clawId, "r", new RunToolUse(s.runId(), 1, 3, "c1", "exec", "d", "ls"));
              s.apply(use).apply(use);
            },
            s -> {
              assertThat(s.timeline).filteredOn(l -> l.type().equals("run.tool_use")).hasSize(1);
              assertThat(s.lastDecision().changed()).isFalse();
            }),
        row(
            "F1 a heartbeat delivered twice counts once",
            s -> {
              RunHeartbeat beat = new RunHeartbeat(s.runId(), 1, "runner-1", 2, 1);
              s.apply(beat).apply(beat);
            },
            s -> {
              assertThat(s.claw().currentRun().consecutiveBeats).isEqualTo(1);
              assertThat(s.lastDecision().changed()).isFalse();
            }),
        row(
            "F2 a run's claim folded before its task still makes one attempt",
            s -> {},
            s -> {
              ClawScenario early = new ClawScenario();
              UUID runId = UUID.randomUUID();
              early.apply(new RunClaimed(runId, 1, 1, UUID.randomUUID(), "runner-1"));
              early.requested().bootstrapOk().dispatch(1, ClawScenario.PRIMARY, List.of(), 3);
              assertThat(early.claw().runs).singleElement();
              assertThat(early.claw().currentRun().runId).isEqualTo(runId);
              assertThat(early.claw().currentRun().taskId).isNotNull();
              assertReplays(early);
            }),
        row(
            "F3 events of a superseded attempt are kept stale and change nothing",
            s -> {
              UUID old = s.runId();
              s.advance(BEAT.multipliedBy(8));
              s.apply(new RunToolUse(old, 1, 9, "late", "exec", "d", "ls"));
            },
            s -> {
              assertThat(s.attempt()).isEqualTo(2);
              assertThat(s.timeline)
                  .filteredOn(l -> l.type().equals("run.tool_use"))
                  .singleElement()
                  .satisfies(l -> assertThat(l.stale()).isTrue());
            }),
        row(
            "F3 a second run claiming a started attempt is cancelled",
            s -> s.apply(new RunClaimed(UUID.randomUUID(), 1, 1, UUID.randomUUID(), "runner-2")),
            s -> {
              assertThat(s.cancels()).singleElement();
              assertThat(s.status().status()).isEqualTo(ClawStatus.RUNNING);
            }),
        row(
            "F4 a cancel after the hard deadline does not reclassify the timeout",
            s -> {
              var deadline = s.claw().currentRun().deadlineAt;
              s.now = deadline.plusSeconds(40);
              s.advance(Duration.ofSeconds(1));
              s.finished(RunOutcome.CANCELLED, "platform.cancelled", deadline.plusSeconds(45));
            },
            s -> assertThat(s.status().status()).isEqualTo(ClawStatus.TIMED_OUT)),
        row(
            "F4 a completion before the deadline corrects a provisional timeout",
            s -> {
              var deadline = s.claw().currentRun().deadlineAt;
              s.now = deadline.plusSeconds(40);
              s.advance(Duration.ofSeconds(1));
              s.finished(RunOutcome.COMPLETED, null, deadline.minusSeconds(5));
            },
            s -> {
              assertThat(s.status().status()).isEqualTo(ClawStatus.COMPLETED);
              assertThat(s.claw().currentRun().pinnedCause).isNull();
            }),
        row(
            "F5 the first authoritative cause is pinned, every cause recorded, one failure each",
            s -> {
              s.error("agent.unknown", "something odd");
              s.error("agent.provider_auth", "provider refused the key");
              s.finished(RunOutcome.FAILED, "agent.process_failure", s.now);
            },
            s -> {
              assertThat(s.claw().currentRun().pinnedCause).isEqualTo("agent.provider_auth");
              assertThat(s.claw().causesOf(1))
                  .extracting(Cause::code)
                  .containsExactly("agent.unknown", "agent.provider_auth", "agent.process_failure");
              assertThat(s.claw().failures(20))
                  .extracting(Failure::code)
                  .containsExactly("agent.provider_auth");
              assertThat(s.status().reason()).isEqualTo("agent.provider_auth");
            }),
        row(
            "F6 two live beats recover an inferred provision timeout",
            s -> {},
            s -> {
              ClawScenario late = new ClawScenario();
              late.apply(
                  new BootstrapRequested(
                      "wf",
                      com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(),
                      late.now.plusSeconds(60)));
              late.advance(Duration.ofSeconds(61));
              assertThat(late.status().reason()).isEqualTo("platform.provision_timeout");
              late.apply(new BootstrapCompleted(true, null, null));
              late.dispatch(1, ClawScenario.PRIMARY, List.of(), 3).claim(UUID.randomUUID()).start();
              late.beat().beat();
              assertThat(late.status().status()).isEqualTo(ClawStatus.RUNNING);
              assertThat(late.claw().lastFailure().code()).isEqualTo("platform.provision_timeout");
              assertReplays(late);
            }),
        row(
            "F6 live beats never recover an evidence-based outcome",
            s -> s.finished(RunOutcome.COMPLETED, null, s.now).beat().beat(),
            s -> assertThat(s.status().status()).isEqualTo(ClawStatus.COMPLETED)),
        row(
            "F7 connection loss never hides the root cause",
            s -> {
              s.error("agent.provider_auth", "provider refused the key");
              s.advance(BEAT.multipliedBy(6));
            },
            s -> {
              ClawState claw = s.claw();
              assertThat(Liveness.connection(claw, s.now, s.rules))
                  .isEqualTo(ConnectionState.OFFLINE);
              assertThat(s.status().status()).isEqualTo(ClawStatus.FAILED);
              assertThat(s.status().reason()).isEqualTo("agent.provider_auth");
            }),
        row(
            "F9 a retry requested twice acts once",
            s -> {
              s.error("agent.provider_server_error", "502");
              s.finished(RunOutcome.FAILED, null, s.now);
              s.retry(null);
              s.retry(null);
            },
            s -> {
              assertThat(s.tasks()).singleElement();
              assertThat(s.status().status()).isEqualTo(ClawStatus.RECOVERING);
              assertThat(s.lastDecision().refused()).isTrue();
            }),
        row(
            "F11 a cancel lands when no runner answers",
            s -> {
              s.cancel();
              s.advance(Duration.ofSeconds(31));
            },
            s -> {
              assertThat(s.status().status()).isEqualTo(ClawStatus.CANCELLED);
              assertThat(s.cancels()).singleElement();
            }),
        row(
            "L1 a missing capability gets one message, then blocks and cancels",
            s -> {
              s.toolCall("exec", "sudo", false, ELEVATED).toolCall("exec", "sudo", false, ELEVATED);
              s.delivered(s.injected().get(0).commandId());
              s.toolCall("exec", "sudo", false, ELEVATED);
            },
            s -> {
              assertThat(s.injected()).singleElement();
              assertThat(s.status().status()).isEqualTo(ClawStatus.TOOL_BLOCKED);
              assertThat(s.status().reason()).isEqualTo("platform.capability_missing");
              assertThat(s.cancels()).singleElement();
            }),
        row(
            "L2 repetition without progress persists after two messages",
            s -> {
              for (int i = 0; i < 3; i++) {
                s.toolCall("read", "same", true, null);
              }
              s.delivered(s.injected().get(0).commandId());
              for (int i = 0; i < 3; i++) {
                s.toolCall("read", "same", true, null);
              }
              s.delivered(s.injected().get(1).commandId());
              for (int i = 0; i < 3; i++) {
                s.toolCall("read", "same", true, null);
              }
            },
            s -> {
              assertThat(s.injected()).hasSize(2);
              assertThat(s.status().reason()).isEqualTo("platform.tool_loop");
            }),
        row(
            "L3 an undelivered corrective message goes on to the rule's stop at once",
            s -> {
              s.toolCall("exec", "sudo", false, ELEVATED).toolCall("exec", "sudo", false, ELEVATED);
              s.undelivered(s.injected().get(0).commandId(), "no input mid-run");
            },
            s -> {
              assertThat(s.status().reason()).isEqualTo("platform.capability_missing");
              assertThat(s.claw().hubMessages)
                  .singleElement()
                  .satisfies(m -> assertThat(m.outcome()).isEqualTo(HubMessage.PERSISTED));
            }),
        row(
            "M1 M2 a model timeout moves to an unused fallback",
            s -> {},
            s -> {
              ClawScenario f = ClawScenario.running(ClawScenario.FALLBACK);
              f.modelTimeout();
              assertThat(f.tasks())
                  .singleElement()
                  .satisfies(t -> assertThat(t.modelProfile()).isEqualTo(ClawScenario.FALLBACK));
              assertThat(f.status().status()).isEqualTo(ClawStatus.RECOVERING);
              assertThat(f.status().reason()).isEqualTo(Recovery.FALLBACK);
              assertReplays(f);
            }),
        row(
            "M2 no fallback left: model_timeout, retryable, one failure entry",
            ClawScenario::modelTimeout,
            s -> {
              assertThat(s.status().status()).isEqualTo(ClawStatus.MODEL_TIMEOUT);
              assertThat(s.status().retryable()).isTrue();
              assertThat(s.claw().failures(20))
                  .singleElement()
                  .satisfies(
                      f -> assertThat(f.message()).isEqualTo(StatusClassifier.NO_FALLBACK_MESSAGE));
              assertThat(s.tasks()).isEmpty();
            }),
        row(
            "Liveness: stale after 3 missed beats, offline after 5",
            s -> s.beat().advance(BEAT.multipliedBy(3)).advance(BEAT.multipliedBy(2)),
            s -> {
              assertThat(s.status().status()).isEqualTo(ClawStatus.OFFLINE);
              assertThat(s.statusChanges())
                  .extracting(c -> c.connection())
                  .contains(ConnectionState.STALE, ConnectionState.OFFLINE);
            }),
        row(
            "Liveness: an offline run is re-dispatched and fenced (platform.runner_lost)",
            s -> s.beat().advance(BEAT.multipliedBy(7)),
            s -> {
              assertThat(s.tasks()).singleElement();
              assertThat(s.cancels()).singleElement();
              assertThat(s.status().status()).isEqualTo(ClawStatus.RECOVERING);
              assertThat(s.claw().failures(20))
                  .extracting(Failure::code)
                  .containsExactly("platform.runner_lost");
            }),
        row(
            "Liveness: a claimed run that never starts fails as platform.dispatch_timeout",
            s -> {},
            s -> {
              ClawScenario never = ClawScenario.dispatched();
              never.claim(UUID.randomUUID());
              for (int i = 0; i < 7; i++) {
                never.beat().advance(BEAT);
              }
              assertThat(never.status().reason()).isEqualTo("platform.dispatch_timeout");
              assertReplays(never);
            }),
        row(
            "6.2 removed comes before every other status",
            s -> {
              s.error("agent.provider_auth", "refused");
              s.remove();
            },
            s -> assertThat(s.status().status()).isEqualTo(ClawStatus.REMOVED)),
        row(
            "6.2 a missing repository shows workspace_incomplete",
            s -> {},
            s -> {
              ClawScenario missing = new ClawScenario().requested();
              missing.apply(
                  new io.clawops.contracts.message.BootstrapStep(
                      "repositories_verified",
                      StepOutcome.FAILED,
                      "platform.repo_missing",
                      "repo not cloned",
                      1,
                      5L,
                      java.util.Map.of()));
              missing.apply(
                  new BootstrapCompleted(false, "platform.repo_missing", "repo not cloned"));
              assertThat(missing.status().status()).isEqualTo(ClawStatus.WORKSPACE_INCOMPLETE);
              assertThat(missing.claw().failures(20)).singleElement();
              assertReplays(missing);
            }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void shouldKeepTheRule(
      String rule, Consumer<ClawScenario> history, Consumer<ClawScenario> expect) {
    ClawScenario scenario = ClawScenario.running();
    history.accept(scenario);
    expect.accept(scenario);
    assertReplays(scenario);
  }

  /**
   * The scenario's inputs replayed through the reducer, one by one and all at once, give the same
   * document and the same records, byte for byte.
   */
  static void assertReplays(ClawScenario scenario) {
    List<ClawReducer.Step> steps = scenario.steps();
    ClawSnapshot snapshot = null;
    List<String> published = new ArrayList<>();
    for (ClawReducer.Step step : steps) {
      Decision decision =
          ClawReducer.decide(
              snapshot, scenario.clawId, step.input(), step.clock(), scenario.rules, "status/test");
      snapshot = decision.snapshot();
      decision.outgoing().forEach(out -> published.add(encode(out)));
    }
    assertThat(snapshot.json()).isEqualTo(scenario.snapshot().json());
    assertThat(published)
        .isEqualTo(scenario.published.stream().map(RuleTableTest::encode).toList());

    // Each step on a snapshot read back from its stored text, as after a restart or cache miss.
    ClawSnapshot stored = null;
    List<String> publishedFromStored = new ArrayList<>();
    for (ClawReducer.Step step : steps) {
      Decision decision =
          ClawReducer.decide(
              stored, scenario.clawId, step.input(), step.clock(), scenario.rules, "status/test");
      stored =
          ClawSnapshot.stored(
              scenario.clawId, decision.snapshot().json(), decision.snapshot().version());
      decision.outgoing().forEach(out -> publishedFromStored.add(encode(out)));
    }
    assertThat(stored.json()).isEqualTo(scenario.snapshot().json());
    assertThat(publishedFromStored).isEqualTo(published);

    Decision all =
        ClawReducer.decideAll(null, scenario.clawId, steps, scenario.rules, "status/test");
    assertThat(all.snapshot().json()).isEqualTo(scenario.snapshot().json());
    assertThat(all.outgoing().stream().map(RuleTableTest::encode).toList()).isEqualTo(published);
  }

  private static String encode(Effects.Outgoing out) {
    return out.topic() + " " + EnvelopeCodec.encode(out.envelope());
  }
}
