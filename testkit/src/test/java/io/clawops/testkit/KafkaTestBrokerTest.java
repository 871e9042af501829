package io.clawops.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.contracts.Topics;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.RunHeartbeat;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

class KafkaTestBrokerTest {

  @Test
  void shouldCreateEveryContractTopicWithTheDefaultPartitions() throws Exception {
    String servers = TestInfrastructure.kafka().bootstrapServers();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
      Map<String, TopicDescription> topics = admin.describeTopics(Topics.ALL).allTopicNames().get();

      assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(Topics.ALL);
      topics
          .values()
          .forEach(topic -> assertThat(topic.partitions()).hasSize(Topics.DEFAULT_PARTITIONS));
    }
  }

  @Test
  void shouldDeliverAPublishedEnvelopeKeyedByClawId() {
    UUID clawId = UUID.randomUUID();
    Envelope sent =
        Envelope.of(clawId, "runner/test", new RunHeartbeat(UUID.randomUUID(), 1, "r1", 3, 7));
    try (ClawKafka kafka = ClawKafka.connect();
        TopicRecorder recorder = kafka.record(Topics.HEARTBEATS)) {
      kafka.publish(Topics.HEARTBEATS, sent);

      ConsumedRecord received = recorder.awaitRecord(r -> clawId.toString().equals(r.key()));
      assertThat(received.envelope()).contains(sent);
    }
  }

  @Test
  void shouldOnlyRecordWhatWasPublishedAfterRecordingStarted() {
    UUID clawId = UUID.randomUUID();
    try (ClawKafka kafka = ClawKafka.connect()) {
      kafka.publishRaw(Topics.STATUS, clawId.toString(), "before");
      try (TopicRecorder recorder = kafka.record(Topics.STATUS)) {
        kafka.publishRaw(Topics.STATUS, clawId.toString(), "after");

        recorder.awaitRecord(r -> "after".equals(r.value()));
        assertThat(recorder.records())
            .filteredOn(r -> clawId.toString().equals(r.key()))
            .extracting(ConsumedRecord::value)
            .containsExactly("after");
      }
    }
  }

  @Test
  void shouldRefuseToPublishToATopicOutsideTheContract() {
    try (ClawKafka kafka = ClawKafka.connect()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> kafka.publishRaw("claw.typo", "k", "v"))
          .isInstanceOf(IllegalStateException.class);
    }
  }
}
