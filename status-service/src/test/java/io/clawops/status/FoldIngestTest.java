package io.clawops.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.clawops.contracts.DeadLetterHeaders;
import io.clawops.contracts.Topics;
import io.clawops.contracts.codec.EnvelopeCodec;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.RunHeartbeat;
import io.clawops.testkit.ClawKafka;
import io.clawops.testkit.ClawOpsTestResource;
import io.clawops.testkit.ConsumedRecord;
import io.clawops.testkit.TopicRecorder;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = ClawOpsTestResource.class,
    initArgs = @ResourceArg(name = ClawOpsTestResource.DATABASE, value = "status"))
class FoldIngestTest {

  @Inject AgroalDataSource dataSource;

  private final ClawKafka kafka = ClawKafka.shared();

  @Test
  void shouldRecordEventsFromEveryInputTopicInPostgres() {
    UUID clawId = UUID.randomUUID();
    for (String topic : new String[] {Topics.EVENTS, Topics.HEARTBEATS}) {
      kafka.publish(topic, heartbeat(clawId, 1));
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(recordedEvents(clawId)).isEqualTo(2));
  }

  @Test
  void shouldApplyARedeliveredEventOnlyOnce() throws SQLException {
    UUID clawId = UUID.randomUUID();
    String json = EnvelopeCodec.encode(heartbeat(clawId, 1));
    kafka.publishRaw(Topics.HEARTBEATS, clawId.toString(), json);
    kafka.publishRaw(Topics.HEARTBEATS, clawId.toString(), json);
    // Same key, same partition: once this later event is in, both copies were consumed.
    Envelope later = heartbeat(clawId, 2);
    kafka.publish(Topics.HEARTBEATS, later);

    await().atMost(Duration.ofSeconds(30)).until(() -> isRecorded(later.eventId()));
    assertThat(recordedEvents(clawId)).isEqualTo(2);
  }

  @Test
  void shouldDeadLetterAMalformedRecordAndKeepConsuming() {
    UUID clawId = UUID.randomUUID();
    try (TopicRecorder dlq = kafka.record(Topics.DLQ)) {
      kafka.publishRaw(Topics.EVENTS, clawId.toString(), "{not json at all");
      kafka.publish(Topics.EVENTS, heartbeat(clawId, 1));

      ConsumedRecord dead = dlq.awaitRecord(record -> clawId.toString().equals(record.key()));
      assertThat(dead.value()).isEqualTo("{not json at all");
      assertThat(dead.header(DeadLetterHeaders.TOPIC)).isEqualTo(Topics.EVENTS);
      assertThat(dead.header(DeadLetterHeaders.REASON)).isNotBlank();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(recordedEvents(clawId)).isEqualTo(1));
    }
  }

  @Test
  void shouldDeadLetterAnEnvelopeWithoutClawIdNamingTheField() {
    String key = "no-claw-" + UUID.randomUUID();
    String json =
        """
        {"eventId":"%s","type":"run.heartbeat","occurredAt":"2026-11-21T10:00:00Z",
         "source":"test","schema":1,"data":{}}"""
            .formatted(UUID.randomUUID());
    try (TopicRecorder dlq = kafka.record(Topics.DLQ)) {
      kafka.publishRaw(Topics.HEARTBEATS, key, json);

      ConsumedRecord dead = dlq.awaitRecord(record -> key.equals(record.key()));
      assertThat(dead.header(DeadLetterHeaders.REASON)).contains("clawId");
    }
  }

  private static Envelope heartbeat(UUID clawId, long beat) {
    return Envelope.of(
        clawId, "runner/test", new RunHeartbeat(UUID.randomUUID(), 1, "runner-test", 0, beat));
  }

  private boolean isRecorded(UUID eventId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement("SELECT 1 FROM processed_event WHERE event_id = ?")) {
      query.setObject(1, eventId);
      try (ResultSet result = query.executeQuery()) {
        return result.next();
      }
    }
  }

  private long recordedEvents(UUID clawId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement("SELECT count(*) FROM processed_event WHERE claw_id = ?")) {
      query.setObject(1, clawId);
      try (ResultSet result = query.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }
}
