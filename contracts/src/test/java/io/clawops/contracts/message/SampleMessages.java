package io.clawops.contracts.message;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One realistic instance of every message type, shared by the codec tests. */
public final class SampleMessages {

  public static final UUID CLAW_ID = UUID.fromString("9b2e4c1a-7d3f-4e5b-8a6c-0f1e2d3c4b5a");
  public static final UUID RUN_ID = UUID.fromString("3f1c2b4a-5d6e-4f70-8192-a3b4c5d6e7f8");
  public static final UUID TASK_ID = UUID.fromString("0a1b2c3d-4e5f-4607-8809-aabbccddeeff");
  public static final UUID COMMAND_ID = UUID.fromString("c0ffee00-1234-4abc-9def-001122334455");
  public static final Instant DEADLINE = Instant.parse("2026-11-21T11:00:00Z");
  public static final ModelProfile PRIMARY = new ModelProfile("primary", "minimax-m2", 120);
  public static final ModelProfile FALLBACK = new ModelProfile("fallback", "claude-sonnet", 90);

  private SampleMessages() {}

  public static RunToolResult toolResult() {
    return new RunToolResult(
        RUN_ID,
        1,
        4,
        "c1",
        "exec",
        false,
        "exec failed: elevated is not available",
        "5e1d" + "0".repeat(60));
  }

  public static TaskDispatched task() {
    return new TaskDispatched(
        TASK_ID,
        1,
        "probe",
        "Fix the failing build in app/",
        "/work/claws/9b2e/",
        PRIMARY,
        List.of(FALLBACK),
        new Capabilities(false, true, true, true),
        new Timeouts(3600, 300, 1800, 10),
        3);
  }

  /** Every message type of DESIGN §4 plus an unknown one. */
  public static List<MessageData> all() {
    ObjectNode spec = JsonNodeFactory.instance.objectNode();
    spec.put("runtime", "probe");
    spec.putArray("repositories").addObject().put("url", "https://github.com/acme/app.git");
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("repository", "app");
    evidence.put("path", "app");
    evidence.put("gitDir", true);
    evidence.put("head", "5e1d" + "a".repeat(36));
    ObjectNode unknownRaw = JsonNodeFactory.instance.objectNode().put("answer", 42);
    return List.of(
        new BootstrapRequested("wf-2026-11-21-001", spec, DEADLINE),
        new BootstrapStep(
            "repositories_cloned",
            StepOutcome.FAILED,
            "platform.repo_missing",
            "fatal: repository 'file:///tmp/x' does not exist",
            1,
            1532,
            evidence),
        new BootstrapCompleted(true, null, null),
        task(),
        new RunClaimed(RUN_ID, 1, 1, TASK_ID, "runner-7f3a"),
        new RunStarted(RUN_ID, 1, 2, PRIMARY, DEADLINE),
        new RunToolUse(RUN_ID, 1, 3, "c1", "exec", "ab" + "c".repeat(62), "sudo make install"),
        toolResult(),
        new RunModel(RUN_ID, 1, 5, ModelPhase.TIMEOUT, "minimax-m2", 120_000L),
        new RunError(RUN_ID, 1, 6, "agent.model_timeout", "provider idle timeout after 120s"),
        new RunHubMessageDelivered(RUN_ID, 1, 7, COMMAND_ID),
        new RunHubMessageUndelivered(
            RUN_ID, 1, 7, COMMAND_ID, "the agent takes no input mid-run (runtime codex)"),
        new RunFinished(
            RUN_ID,
            1,
            8,
            RunOutcome.TIMED_OUT,
            "platform.hard_timeout",
            "hard deadline reached",
            Instant.parse("2026-11-21T11:00:01.5Z"),
            DEADLINE),
        new RunHeartbeat(RUN_ID, 1, "runner-7f3a", 8, 42),
        new RunnerBeat(
            "runner-7f3a",
            4,
            1,
            List.of(new RunnerBeat.HeldRun(CLAW_ID, RUN_ID, 1)),
            "0.1.0",
            5,
            17,
            true),
        new CommandInjectMessage(
            COMMAND_ID, RUN_ID, "Elevated execution is not available in this runtime.", "L1"),
        new CommandCancel(COMMAND_ID, null, "operator asked"),
        new CommandRebootstrap(COMMAND_ID),
        new StatusChanged(
            ClawStatus.MODEL_TIMEOUT,
            ClawStatus.RECOVERING,
            "agent.model_timeout",
            "model timeout: no fallback configured",
            true,
            ConnectionState.CONNECTED),
        new UnknownData("run.telepathy", unknownRaw));
  }
}
