package io.clawops.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.RunEvent;
import io.clawops.contracts.message.RunFinished;
import io.clawops.contracts.message.RunHeartbeat;
import io.clawops.contracts.message.RunOutcome;
import io.clawops.testkit.ClawOpsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Heartbeats come from a thread of their own: event volume never delays them. */
@QuarkusTest
@WithTestResource(ClawOpsTestResource.class)
class HeartbeatTest {

  /**
   * 20,000 lines, two in three of them tool events: 13,334 events plus claimed, started, finished.
   */
  private static final long FLOOD_EVENTS = 13_337;

  private final RunnerTestClient client = new RunnerTestClient();

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void shouldKeepTheHeartbeatIntervalWhileTheAgentFloodsEvents() {
    UUID clawId =
        client.dispatch(
            RunnerTestClient.task()
                .prompt("scenario: flood lines=20000 burst=500 pause-ms=100")
                .timeouts(60, 10, 10));

    RunFinished finished = client.awaitFinished(clawId);

    assertThat(finished.outcome()).isEqualTo(RunOutcome.COMPLETED);
    assertThat(finished.seq()).isEqualTo(FLOOD_EVENTS);
    assertThat(client.events(clawId))
        .extracting(RunEvent::seq)
        .isSorted()
        .doesNotHaveDuplicates()
        .hasSize((int) FLOOD_EVENTS);
    List<Envelope> beats =
        client.envelopes(clawId, RunHeartbeat.TYPE).stream()
            .sorted(Comparator.comparingLong(envelope -> ((RunHeartbeat) envelope.data()).beat()))
            .toList();
    assertThat(beats).hasSizeGreaterThanOrEqualTo(3);
    assertThat(beats)
        .extracting(envelope -> ((RunHeartbeat) envelope.data()).beat())
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, beats.size()).mapToObj(Long::valueOf).toList());
    // heartbeatSeconds is 1: a gap of 2 s would mean the flood delayed a beat.
    IntStream.range(1, beats.size())
        .forEach(
            i ->
                assertThat(
                        Duration.between(beats.get(i - 1).occurredAt(), beats.get(i).occurredAt()))
                    .isLessThan(Duration.ofSeconds(2)));
    assertThat(beats)
        .extracting(envelope -> ((RunHeartbeat) envelope.data()).lastSeq())
        .isSorted()
        .anySatisfy(lastSeq -> assertThat(lastSeq).isBetween(3L, FLOOD_EVENTS - 1));
  }
}
