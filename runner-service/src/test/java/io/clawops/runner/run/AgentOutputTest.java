package io.clawops.runner.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clawops.contracts.message.RunEvent;
import io.clawops.contracts.message.Timeouts;
import io.clawops.runner.agent.BoundedLineReader;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * FINDINGS #11: while a run's events wait for an unreachable broker the runner does not read the
 * agent's output; that time must not count as the agent's silence.
 */
class AgentOutputTest {

  private static final Timeouts ONE_SECOND = new Timeouts(600, 1, 1, 10);
  private static final String TOOL_USE =
      "{\"type\":\"tool_use\",\"callId\":\"c1\",\"tool\":\"exec\",\"input\":{\"command\":\"ls\"}}";

  @Test
  void shouldNotCountTimeSpentWaitingForTheBrokerAsAgentSilence() throws Exception {
    CountDownLatch brokerBack = new CountDownLatch(1);
    List<RunEvent> published = new CopyOnWriteArrayList<>();
    RunEventSink waitingForBroker =
        (claw, event) -> {
          // What EventPublisher does while the broker is away: it holds the run's thread.
          try {
            brokerBack.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          published.add(event);
          return CompletableFuture.completedFuture(null);
        };
    UUID run = UUID.randomUUID();
    AgentOutput output =
        new AgentOutput(
            run, 1, "task-model", new RunEventStream(UUID.randomUUID(), waitingForBroker), 2_000);
    output.agentStarted();

    Thread pump =
        new Thread(() -> output.onStdout(new BoundedLineReader.Line(TOOL_USE, false)), "pump");
    pump.start();
    try {
      // An outage three times the limit: the watchdog never judges the agent silent.
      await()
          .during(Duration.ofMillis(3_000))
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () ->
                  IdleWatchdog.check(output.silentMillis(), output.toolCallPending(), ONE_SECOND)
                      .isEmpty());
      assertThat(published).isEmpty();
    } finally {
      brokerBack.countDown();
      pump.join(10_000);
    }
    assertThat(published).hasSize(1);
    assertThat(output.silentMillis()).isLessThan(1_000);
    // Once the runner reads again, a silent agent is still stopped.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                IdleWatchdog.check(output.silentMillis(), output.toolCallPending(), ONE_SECOND)
                    .isPresent());
  }
}
