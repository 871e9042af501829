package io.clawops.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.clawops.contracts.Topics;
import io.clawops.testkit.ClawKafka;
import io.clawops.testkit.ClawOpsTestResource;
import io.clawops.testkit.TopicRecorder;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** No secret carried by any event reaches PostgreSQL, a REST response, claw.status or the log. */
@QuarkusTest
@WithTestResource(
    value = ClawOpsTestResource.class,
    initArgs = @ResourceArg(name = ClawOpsTestResource.DATABASE, value = "status"))
class SecretHygieneTest {

  private static final String GITHUB = "ghp_" + "Q1w2E3r4".repeat(5);
  private static final String ANTHROPIC = "sk-ant-api03-" + "Zx9Yw8Vu7".repeat(4);
  private static final String PASSWORD = "hunter2-" + UUID.randomUUID();

  @Inject AgroalDataSource dataSource;

  @Test
  void shouldKeepEverySecretOutOfTablesResponsesTopicsAndLogs() throws Exception {
    UUID clawId = UUID.randomUUID();
    UUID runId = UUID.randomUUID();
    try (ClawKafka kafka = ClawKafka.connect();
        TopicRecorder status = kafka.record(Topics.STATUS, Topics.COMMANDS)) {
      publish(
          kafka,
          Topics.BOOTSTRAP,
          clawId,
          "bootstrap.requested",
          "{\"workflowRunId\":\"wf\",\"spec\":{},\"deadlineAt\":\"2099-01-01T00:00:00Z\"}");
      publish(
          kafka,
          Topics.BOOTSTRAP,
          clawId,
          "bootstrap.step",
          "{\"step\":\"credentials_configured\",\"outcome\":\"ok\",\"attempt\":1,\"durationMs\":3,"
              + "\"evidence\":{\"note\":\"token="
              + GITHUB
              + "\"}}");
      publish(kafka, Topics.BOOTSTRAP, clawId, "bootstrap.completed", "{\"ok\":true}");
      publish(
          kafka,
          Topics.EVENTS,
          clawId,
          "run.claimed",
          "{\"runId\":\""
              + runId
              + "\",\"attempt\":1,\"seq\":1,\"taskId\":\""
              + UUID.randomUUID()
              + "\",\"runnerId\":\"r1\"}");
      publish(
          kafka,
          Topics.EVENTS,
          clawId,
          "run.tool_use",
          "{\"runId\":\""
              + runId
              + "\",\"attempt\":1,\"seq\":2,\"callId\":\"c1\",\"tool\":\"exec\","
              + "\"inputDigest\":\"d\",\"inputSummary\":\"curl -H 'Authorization: Bearer "
              + ANTHROPIC
              + "'\"}");
      publish(
          kafka,
          Topics.EVENTS,
          clawId,
          "run.tool_result",
          "{\"runId\":\""
              + runId
              + "\",\"attempt\":1,\"seq\":3,\"callId\":\"c1\",\"tool\":\"exec\",\"ok\":false,"
              + "\"errorSummary\":\"fatal: https://bot:"
              + GITHUB
              + "@github.com/o/r.git denied\"}");
      publish(
          kafka,
          Topics.EVENTS,
          clawId,
          "run.error",
          "{\"runId\":\""
              + runId
              + "\",\"attempt\":1,\"seq\":4,\"code\":\"agent.provider_auth\","
              + "\"message\":\"key "
              + ANTHROPIC
              + " refused, password="
              + PASSWORD
              + "\"}");

      String record = StatusApi.awaitClaw(clawId, StatusApi.status("failed")).prettify();
      String timeline = StatusApi.authorized().get("/api/claws/" + clawId + "/timeline").asString();
      String list =
          StatusApi.authorized().queryParam("workflowRunId", "wf").get("/api/claws").asString();
      status.awaitRecord(
          r -> clawId.toString().equals(r.key()) && r.value().contains("\"failed\""));

      assertThat(record).contains("agent.provider_auth");
      for (String secret : List.of(GITHUB, ANTHROPIC, PASSWORD)) {
        assertThat(record).doesNotContain(secret);
        assertThat(timeline).doesNotContain(secret);
        assertThat(list).doesNotContain(secret);
        assertThat(status.records()).allSatisfy(r -> assertThat(r.value()).doesNotContain(secret));
        assertThat(tablesContaining(secret)).isEmpty();
        assertThat(Files.readString(Path.of("target/status-test.log"))).doesNotContain(secret);
      }
    }
  }

  private static void publish(
      ClawKafka kafka, String topic, UUID clawId, String type, String data) {
    kafka.publishRaw(
        topic,
        clawId.toString(),
        "{\"eventId\":\""
            + UUID.randomUUID()
            + "\",\"type\":\""
            + type
            + "\",\"clawId\":\""
            + clawId
            + "\",\"occurredAt\":\"2026-11-21T10:00:00Z\",\"source\":\"test\",\"schema\":1,\"data\":"
            + data
            + "}");
  }

  /** Every table whose text rendering contains the secret. */
  private List<String> tablesContaining(String secret) throws Exception {
    // claw_timeline is the view of the stored chunks' lines, one by one.
    List<String> tables =
        List.of("claw", "claw_timeline", "claw_timeline_chunk", "outbox", "processed_event");
    List<String> found = new java.util.ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (String table : tables) {
        try (ResultSet rows =
            statement.executeQuery(
                "SELECT count(*) FROM " + table + " t WHERE t::text LIKE '%" + secret + "%'")) {
          rows.next();
          if (rows.getInt(1) > 0) {
            found.add(table);
          }
        }
      }
    }
    return found;
  }
}
