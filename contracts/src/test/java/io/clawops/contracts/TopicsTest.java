package io.clawops.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void shouldListEveryDesignTopicOnce() {
    assertThat(Topics.ALL)
        .containsExactlyInAnyOrder(
            "claw.bootstrap",
            "claw.tasks",
            "claw.events",
            "claw.heartbeats",
            "claw.commands",
            "claw.status",
            "claw.dlq")
        .doesNotHaveDuplicates();
  }

  @Test
  void shouldUseSmallRyeDeadLetterHeaderNames() {
    assertThat(
            new String[] {
              DeadLetterHeaders.REASON,
              DeadLetterHeaders.CAUSE,
              DeadLetterHeaders.TOPIC,
              DeadLetterHeaders.PARTITION,
              DeadLetterHeaders.OFFSET
            })
        .containsExactly(
            "dead-letter-reason",
            "dead-letter-cause",
            "dead-letter-topic",
            "dead-letter-partition",
            "dead-letter-offset");
  }
}
