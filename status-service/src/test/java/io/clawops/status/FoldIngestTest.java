package io.clawops.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.clawops.contracts.DeadLetterHeaders;
import io.clawops.contracts.Topics;
import io.clawops.contracts.codec.EnvelopeCodec;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.RunHeartbeat;
import io.clawops.contracts.message.RunToolUse;
import io.clawops.status.fold.FoldService;
import io.clawops.status.persistence.ReceivedEvent;
import io.clawops.testkit.ClawKafka;
import io.clawops.testkit.ClawOpsTestResource;
import io.clawops.testkit.ConsumedRecord;
import io.clawops.testkit.TestInfrastructure;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = ClawOpsTestResource.class,
    initArgs = @ResourceArg(name = ClawOpsTestResource.DATABASE, value = "status"))
class FoldIngestTest {

  @Inject AgroalDataSource dataSource;
  @Inject FoldService fold;

  private final ClawKafka kafka = ClawKafka.shared();

  @Test
  void shouldRecordEventsFromEveryInputTopicInPostgres() {
    UUID clawId = UUID.randomUUID();
    UUID runId = UUID.randomUUID();
    Envelope first = toolUse(clawId, runId, 1);
    kafka.publish(Topics.EVENTS, first);
    // One after the other: folded first, the later seq would make the earlier one a redelivery.
    await().atMost(Duration.ofSeconds(30)).until(() -> isRecorded(first.eventId()));
    kafka.publish(Topics.HEARTBEATS, toolUse(clawId, runId, 2));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(recordedEvents(clawId)).isEqualTo(2));
  }

  @Test
  void shouldFoldOnlyTheCommittedRecordsOfAProducerTransaction() throws SQLException {
    UUID clawId = UUID.randomUUID();
    UUID runId = UUID.randomUUID();
    Envelope aborted = toolUse(clawId, runId, 1);
    Envelope committed = toolUse(clawId, runId, 2);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafka().bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                "fold-ingest-" + clawId),
            new StringSerializer(),
            new StringSerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(record(aborted));
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(record(committed));
      producer.commitTransaction();
    }

    // Same key, same partition, the aborted record first: once the committed one is in, the fold
    // has passed the aborted one without applying it (DESIGN §2).
    await().atMost(Duration.ofSeconds(30)).until(() -> isRecorded(committed.eventId()));
    assertThat(isRecorded(aborted.eventId())).isFalse();
    assertThat(timelineLines(clawId, RunToolUse.TYPE)).isEqualTo(1);
  }

  @Test
  void shouldCountTheRoundsAndTheRecordsTheyAppliedOnTheMetricsEndpoint() {
    double rounds = metric("clawops_fold_round_seconds_count");
    double records = metric("clawops_fold_round_records_sum");
    UUID clawId = UUID.randomUUID();
    UUID runId = UUID.randomUUID();
    for (int seq = 1; seq <= 3; seq++) {
      kafka.publish(Topics.EVENTS, toolUse(clawId, runId, seq));
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(recordedEvents(clawId)).isEqualTo(3));
    // The round's figures are recorded once it committed, just after the events are visible.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(metric("clawops_fold_round_records_sum"))
                  .isGreaterThanOrEqualTo(records + 3);
              assertThat(metric("clawops_fold_round_seconds_count")).isGreaterThan(rounds);
            });
    assertThat(metric("clawops_fold_round_seconds_max")).isPositive();
  }

  /** A metric without labels from {@code /q/metrics}; 0 while it is not there yet. */
  private static double metric(String name) {
    return StatusApi.metric(name, 0);
  }

  private static ProducerRecord<String, String> record(Envelope envelope) {
    return new ProducerRecord<>(
        Topics.EVENTS, envelope.clawId().toString(), EnvelopeCodec.encode(envelope));
  }

  @Test
  void shouldApplyARedeliveredEventOnlyOnce() throws SQLException {
    UUID clawId = UUID.randomUUID();
    UUID runId = UUID.randomUUID();
    String json = EnvelopeCodec.encode(toolUse(clawId, runId, 1));
    kafka.publishRaw(Topics.EVENTS, clawId.toString(), json);
    kafka.publishRaw(Topics.EVENTS, clawId.toString(), json);
    // Same key, same partition: once this later event is in, both copies were consumed.
    Envelope later = toolUse(clawId, runId, 2);
    kafka.publish(Topics.EVENTS, later);

    await().atMost(Duration.ofSeconds(30)).until(() -> isRecorded(later.eventId()));
    assertThat(recordedEvents(clawId)).isEqualTo(2);
    assertThat(timelineLines(clawId, RunToolUse.TYPE)).isEqualTo(2);
  }

  @Test
  void shouldCountARedeliveredHeartbeatOnceWithoutGrowingTheLedger() throws SQLException {
    ClawStreams claw = new ClawStreams(kafka);
    claw.requested().completed(true, null, null).dispatched(10).running(1, ClawStreams.PRIMARY);
    UUID clawId = claw.clawId;
    // The run's records are on claw.events: the beats (another topic) only count once it runs.
    StatusApi.awaitClaw(clawId, StatusApi.status("running"));
    Envelope first = heartbeat(clawId, claw.runId(), 1);
    Envelope second = heartbeat(clawId, claw.runId(), 2);
    kafka.publish(Topics.HEARTBEATS, first);
    String json = EnvelopeCodec.encode(second);
    kafka.publishRaw(Topics.HEARTBEATS, clawId.toString(), json);
    kafka.publishRaw(Topics.HEARTBEATS, clawId.toString(), json);
    kafka.publish(Topics.HEARTBEATS, heartbeat(clawId, claw.runId(), 3));

    // Three beats in a row: the copy of beat 2 neither broke the streak nor counted twice.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(runField(clawId, "lastBeat")).isEqualTo("3"));
    assertThat(runField(clawId, "consecutiveBeats")).isEqualTo("3");
    assertThat(ledgeredTypes(clawId)).doesNotContain(RunHeartbeat.TYPE);
  }

  @Test
  void shouldApplyEachRedeliveredRecordOnceWhetherItsRunOrTheLedgerTellsItApart()
      throws SQLException {
    ClawStreams claw = new ClawStreams(kafka);
    claw.requested().completed(true, null, null).dispatched(10).running(1, ClawStreams.PRIMARY);
    UUID clawId = claw.clawId;
    StatusApi.awaitClaw(clawId, StatusApi.status("running"));
    long seq = Long.parseLong(runField(clawId, "highSeq"));
    Envelope first = toolUse(clawId, claw.runId(), seq + 1);
    Envelope second = toolUse(clawId, claw.runId(), seq + 2);

    // A started run's events: its seq high-water mark tells a copy apart, in a later batch or in
    // the same one, and they cost no ledger row.
    fold.applyBatch(List.of(received(first)));
    fold.applyBatch(List.of(received(first), received(second), received(second)));
    fold.applyBatch(List.of(received(second)));

    assertThat(runField(clawId, "highSeq")).isEqualTo(String.valueOf(seq + 2));
    assertThat(timelineLines(clawId, RunToolUse.TYPE)).isEqualTo(2);
    assertThat(isRecorded(first.eventId())).isFalse();
    assertThat(isRecorded(second.eventId())).isFalse();

    // Another run's event of the same attempt: only the ledger tells a copy apart. A batch with a
    // copy of it and a new event is decided again without the copy, and the new event still lands.
    Envelope foreign = toolUse(clawId, UUID.randomUUID(), 1);
    Envelope third = toolUse(clawId, claw.runId(), seq + 3);
    fold.applyBatch(List.of(received(foreign)));
    fold.applyBatch(List.of(received(foreign), received(third)));

    assertThat(isRecorded(foreign.eventId())).isTrue();
    assertThat(isRecorded(third.eventId())).isFalse();
    assertThat(runField(clawId, "highSeq")).isEqualTo(String.valueOf(seq + 3));
    assertThat(timelineLines(clawId, RunToolUse.TYPE)).isEqualTo(4);
    assertThat(staleTimelineLines(clawId)).isEqualTo(1);
  }

  @Test
  void shouldDeadLetterAMalformedRecordAndKeepConsuming() {
    UUID clawId = UUID.randomUUID();
    try (TopicRecorder dlq = kafka.record(Topics.DLQ)) {
      kafka.publishRaw(Topics.EVENTS, clawId.toString(), "{not json at all");
      kafka.publish(Topics.EVENTS, toolUse(clawId, UUID.randomUUID(), 1));

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

  private static Envelope heartbeat(UUID clawId, UUID runId, long beat) {
    return Envelope.of(clawId, "runner/test", new RunHeartbeat(runId, 1, "runner-test", 0, beat));
  }

  private static Envelope toolUse(UUID clawId, UUID runId, long seq) {
    return Envelope.of(
        clawId,
        "runner/test",
        new RunToolUse(runId, 1, seq, "c" + seq, "read", "digest-" + seq, "cat notes.md"));
  }

  private String runField(UUID clawId, String field) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT state->'runs'->-1->>? FROM claw WHERE claw_id = ?")) {
      query.setString(1, field);
      query.setObject(2, clawId);
      try (ResultSet result = query.executeQuery()) {
        return result.next() ? result.getString(1) : null;
      }
    }
  }

  private static ReceivedEvent received(Envelope envelope) {
    return new ReceivedEvent(Topics.EVENTS, -1, envelope);
  }

  private long staleTimelineLines(UUID clawId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT count(*) FROM claw_timeline WHERE claw_id = ? AND stale")) {
      query.setObject(1, clawId);
      try (ResultSet result = query.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  private long timelineLines(UUID clawId, String type) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT count(*) FROM claw_timeline WHERE claw_id = ? AND type = ?")) {
      query.setObject(1, clawId);
      query.setString(2, type);
      try (ResultSet result = query.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  private java.util.List<String> ledgeredTypes(UUID clawId) throws SQLException {
    java.util.List<String> types = new java.util.ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement("SELECT type FROM processed_event WHERE claw_id = ?")) {
      query.setObject(1, clawId);
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          types.add(result.getString(1));
        }
      }
    }
    return types;
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
