package io.clawops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clawops.contracts.Topics;
import io.clawops.contracts.sanitize.Sanitizer;
import io.clawops.e2e.system.ClawOpsApi;
import io.clawops.e2e.system.ClawOpsSystem;
import io.clawops.e2e.system.ClawRequest;
import io.clawops.e2e.system.EndToEnd;
import io.clawops.e2e.system.RecordFixture;
import io.clawops.simagent.scenario.SecretLeak;
import io.clawops.testkit.ConsumedRecord;
import io.clawops.testkit.TopicRecorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Sanitized by construction (F10) across real services: an agent that prints credentials
 * everywhere, and a claw whose repository needs a credential, leave no secret in any REST answer,
 * record, table row or log line.
 */
@EndToEnd
class SecretLeakIT {

  private final ClawOpsSystem system;

  SecretLeakIT(ClawOpsSystem system) {
    this.system = system;
  }

  @Test
  @RecordFixture("secret-leak")
  void shouldKeepEverySecretOutOfTheApiTheTopicsTheDatabaseAndTheLogs() {
    List<String> secrets = new ArrayList<>(SecretLeak.SECRETS);
    secrets.add(system.deployKey());
    Map<String, String> seen = new LinkedHashMap<>();
    UUID clawId;
    try (TopicRecorder everything = system.kafka().record(Topics.ALL.toArray(String[]::new))) {
      ClawRequest request =
          ClawRequest.scenario("secret-leak")
              .repository(system.git().create("app"), "app", ClawOpsSystem.DEPLOY_KEY_REF);
      ClawOpsApi.Created created = system.api().create(request);
      clawId = created.clawId();
      system.api().awaitStatus(clawId, "completed");
      // The runner logs the run's end after run.finished; wait for it so the log scan covers it.
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  logs().values().stream()
                      .anyMatch(log -> log.contains("of claw " + clawId + " finished")));

      seen.put("POST /api/claws", created.body());
      for (String path :
          List.of(
              "/api/claws/" + clawId,
              "/api/claws/" + clawId + "/timeline",
              "/api/claws?workflowRunId=" + request.workflowRunId())) {
        seen.put("GET " + path, system.api().get(path).body());
      }
      for (ConsumedRecord record : everything.records()) {
        seen.merge("topic " + record.topic(), text(record), String::concat);
      }
      seen.put("database", String.join("\n", system.database().everyRowAsText()));
      logs().forEach((name, log) -> seen.put("log " + name, log));
    }

    // The secrets did flow through the system: what came out was redacted, not absent.
    assertThat(seen.get("topic " + Topics.EVENTS)).contains(Sanitizer.REDACTED);
    assertThat(seen.get("GET /api/claws/" + clawId)).contains(Sanitizer.REDACTED);
    List<String> leaks = new ArrayList<>();
    seen.forEach(
        (where, text) -> {
          for (int i = 0; i < secrets.size(); i++) {
            if (text.contains(secrets.get(i))) {
              leaks.add("secret #" + i + " in " + where);
            }
          }
        });
    assertThat(leaks).as("secrets found").isEmpty();
  }

  private static String text(ConsumedRecord record) {
    return record.key() + " " + record.value() + " " + record.headers() + "\n";
  }

  private Map<String, String> logs() {
    Map<String, String> logs = new LinkedHashMap<>();
    for (Path log : system.logFiles()) {
      try {
        logs.put(
            log.getFileName().toString(),
            new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return logs;
  }
}
