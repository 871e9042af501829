package io.clawops.runner.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.contracts.message.Capabilities;
import io.clawops.contracts.message.ModelProfile;
import io.clawops.contracts.message.TaskDispatched;
import io.clawops.contracts.message.Timeouts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AgentEnvironmentTest {

  private static final UUID CLAW = UUID.randomUUID();
  private static final UUID RUN = UUID.randomUUID();

  @Test
  void shouldWithholdTheRunnersOwnConfigurationAndLetClawVariablesWin() {
    Map<String, String> inherited =
        Map.of(
            "PATH", "/usr/bin",
            "KAFKA_BOOTSTRAP_SERVERS", "broker:9092",
            "CLAWOPS_API_TOKEN", "not-for-agents",
            "QUARKUS_HTTP_PORT", "8082");
    RuntimeProfile profile =
        new RuntimeProfile("probe", List.of("probe"), Map.of("FOO", "bar", "CLAW_ID", "spoofed"));

    Map<String, String> env =
        AgentEnvironment.of(inherited, profile, CLAW, RUN, task(), Path.of("/scratch/prompt.md"));

    assertThat(env)
        .containsEntry("PATH", "/usr/bin")
        .containsEntry("FOO", "bar")
        .containsEntry("CLAW_ID", CLAW.toString())
        .containsEntry("CLAW_RUN_ID", RUN.toString())
        .containsEntry("CLAW_ATTEMPT", "2")
        .containsEntry("CLAW_MODEL", "minimax-m2")
        .containsEntry("CLAW_MODEL_PROFILE", "primary")
        .containsEntry("CLAW_PROMPT_FILE", "/scratch/prompt.md")
        .containsEntry(
            "CLAW_CAPABILITIES",
            "{\"elevatedExec\":true,\"browser\":false,\"fileTools\":true,\"processTools\":false}")
        .doesNotContainKeys("KAFKA_BOOTSTRAP_SERVERS", "CLAWOPS_API_TOKEN", "QUARKUS_HTTP_PORT");
  }

  private static TaskDispatched task() {
    return new TaskDispatched(
        UUID.randomUUID(),
        2,
        "probe",
        "prompt",
        "/workspaces/a",
        new ModelProfile("primary", "minimax-m2", 120),
        List.of(),
        new Capabilities(true, false, true, false),
        new Timeouts(60, 10, 20, 5),
        3);
  }
}
