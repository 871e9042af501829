package io.clawops.e2e.fault;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clawops.contracts.Topics;
import io.clawops.simagent.scenario.SecretFamilies;
import io.clawops.simagent.scenario.SecretFamilies.Family;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The raw records of one claw's story as a provisioner and a runner that forgot to sanitize would
 * publish them: every free-text field of bootstrap steps (message and evidence), tool uses and
 * results, model events, errors and the run's end carries an ordinary sentence and then one or two
 * credentials, the families rotating with the claw's number so that across a thousand claws every
 * family sits in every field. Built as JSON by hand: the contracts records sanitize on
 * construction, which is exactly what these records must not have gone through.
 */
final class SyntheticDiagnostics {

  /** The envelope source of everything this class builds: input, never a ClawOps output. */
  static final String SOURCE = "e2e/secret-scale";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Family[] FAMILIES = Family.values();

  /** One raw record to publish. */
  record Raw(String topic, UUID clawId, UUID eventId, String value) {}

  /**
   * One claw's records, the ordinary sentences its timeline must show, and timeline summaries that
   * must read exactly as given.
   */
  record Story(
      UUID clawId, int number, List<Raw> records, List<String> ordinary, List<String> exact) {}

  private final String workflowRunId;

  SyntheticDiagnostics(String workflowRunId) {
    this.workflowRunId = workflowRunId;
  }

  /**
   * Claw {@code n}'s story: even claws fail their bootstrap, odd ones run and fail; every 50th also
   * sends a malformed tool result (a string where a boolean belongs) that carries a secret.
   */
  Story story(int n) {
    UUID clawId = UUID.randomUUID();
    Builder b = new Builder(clawId, n);
    b.bootstrap(
        "bootstrap.requested",
        JSON.createObjectNode()
            .put("workflowRunId", workflowRunId)
            .put("deadlineAt", Instant.now().plusSeconds(3600).toString())
            .set("spec", JSON.createObjectNode().put("runtime", "sim").put("prompt", b.hidden(1))));
    if (n % 2 == 0) {
      ObjectNode evidence =
          JSON.createObjectNode()
              .put("repository", "app")
              .put(
                  "url",
                  "https://deploy:" + Family.URL_CREDENTIALS.secret(n) + "@git.example.com/a")
              .put("stderr", b.hidden(2));
      b.bootstrap("bootstrap.step", step("sandbox_created", "ok", null, null));
      b.bootstrap(
          "bootstrap.step",
          step("repositories_cloned", "failed", "platform.repo_clone_failed", b.text(2))
              .set("evidence", evidence));
      b.bootstrap(
          "bootstrap.completed",
          JSON.createObjectNode()
              .put("ok", false)
              .put("reason", "platform.repo_clone_failed")
              .put("message", b.text(2)));
    } else {
      b.bootstrap(
          "bootstrap.step",
          step("repositories_cloned", "ok", null, null)
              .set("evidence", JSON.createObjectNode().put("head", "5e1d0c9a4b3f2e1d0c9a4b3f")));
      b.bootstrap("bootstrap.completed", JSON.createObjectNode().put("ok", true));
      UUID runId = UUID.randomUUID();
      b.run(
          runId,
          "run.claimed",
          o -> o.put("taskId", UUID.randomUUID().toString()).put("runnerId", "runner-gone"));
      b.run(
          runId,
          "run.started",
          o ->
              o.put("deadlineAt", Instant.now().plusSeconds(3600).toString())
                  .set(
                      "modelProfile",
                      JSON.createObjectNode()
                          .put("name", "primary")
                          .put("model", "sim-primary")
                          .put("idleTimeoutSeconds", 60)));
      b.run(runId, "run.tool_use", o -> toolUse(o, "c1", b.text(1)));
      // An ordinary summary alone: the timeline must show it exactly as sent.
      String plain = b.ordinaryOnly();
      b.exact.add("exec: " + plain);
      b.run(runId, "run.tool_use", o -> toolUse(o, "c2", plain));
      b.run(
          runId,
          "run.tool_result",
          o ->
              o.put("callId", "c1")
                  .put("tool", "exec")
                  .put("ok", false)
                  .put("errorSummary", b.text(2)));
      b.run(
          runId,
          "run.model",
          o ->
              o.put("phase", "retry")
                  .put("model", b.secretOnly())
                  .put("latencyMs", 1200)
                  .put("reason", b.secretOnly()));
      b.run(
          runId, "run.error", o -> o.put("code", "agent.provider_auth").put("message", b.text(2)));
      if (n % 50 == 1) {
        b.run(
            runId,
            "run.tool_result",
            o ->
                o.put("callId", "c9")
                    .put("tool", "exec")
                    .put("ok", "maybe")
                    .put("errorSummary", b.hidden(1)));
      }
      b.run(
          runId,
          "run.finished",
          o ->
              o.put("outcome", "failed")
                  .put("code", "agent.provider_auth")
                  .put("message", b.text(2))
                  .put("finishedAt", Instant.now().toString()));
    }
    return new Story(clawId, n, b.records, b.ordinary, b.exact);
  }

  private static ObjectNode step(String step, String outcome, String reason, String message) {
    ObjectNode node =
        JSON.createObjectNode()
            .put("step", step)
            .put("outcome", outcome)
            .put("attempt", 1)
            .put("durationMs", 12);
    if (reason != null) {
      node.put("reason", reason).put("message", message);
    }
    return node;
  }

  private static ObjectNode toolUse(ObjectNode o, String callId, String summary) {
    return o.put("callId", callId)
        .put("tool", "exec")
        .put("inputDigest", "sha256:" + "0".repeat(64))
        .put("inputSummary", summary);
  }

  /** Builds one claw's records in order, handing out families and sentences slot by slot. */
  private static final class Builder {

    private final UUID clawId;
    private final int n;
    private final List<Raw> records = new ArrayList<>();
    private final List<String> ordinary = new ArrayList<>();
    private final List<String> exact = new ArrayList<>();
    private int slot;
    private long seq;

    Builder(UUID clawId, int n) {
      this.clawId = clawId;
      this.n = n;
    }

    /** An ordinary sentence followed by {@code families} credentials in their diagnostics. */
    String text(int families) {
      String sentence = nextOrdinary(true);
      StringBuilder text = new StringBuilder(sentence);
      for (int i = 0; i < families; i++) {
        text.append(" | ").append(nextFamily().diagnostic(n));
      }
      return text.toString();
    }

    /** Like {@link #text}, for a field the timeline does not show (evidence, spec). */
    String hidden(int families) {
      StringBuilder text = new StringBuilder(nextOrdinary(false));
      for (int i = 0; i < families; i++) {
        text.append(" | ").append(nextFamily().diagnostic(n));
      }
      return text.toString();
    }

    String ordinaryOnly() {
      return nextOrdinary(true);
    }

    String secretOnly() {
      return nextFamily().diagnostic(n);
    }

    private String nextOrdinary(boolean shown) {
      String sentence = SecretFamilies.ORDINARY.get((n + slot) % SecretFamilies.ORDINARY.size());
      if (shown) {
        ordinary.add(sentence);
      }
      return sentence;
    }

    private Family nextFamily() {
      return FAMILIES[(n * 3 + slot++) % FAMILIES.length];
    }

    void bootstrap(String type, ObjectNode data) {
      add(Topics.BOOTSTRAP, type, data);
    }

    void run(UUID runId, String type, java.util.function.Consumer<ObjectNode> fill) {
      ObjectNode data =
          JSON.createObjectNode()
              .put("runId", runId.toString())
              .put("attempt", 1)
              .put("seq", ++seq);
      fill.accept(data);
      add(Topics.EVENTS, type, data);
    }

    private void add(String topic, String type, ObjectNode data) {
      UUID eventId = UUID.randomUUID();
      ObjectNode envelope =
          JSON.createObjectNode()
              .put("eventId", eventId.toString())
              .put("type", type)
              .put("clawId", clawId.toString())
              .put("occurredAt", Instant.now().toString())
              .put("source", SOURCE)
              .put("schema", 1);
      envelope.set("data", data);
      records.add(new Raw(topic, clawId, eventId, envelope.toString()));
    }
  }
}
