package io.clawops.runner.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clawops.simagent.SimAgent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeProfilesTest {

  @TempDir Path dir;

  @Test
  void shouldOfferTheSimAgentAsABuiltInRuntime() {
    RuntimeProfile sim = RuntimeProfiles.load(Optional.empty()).find("sim").orElseThrow();

    assertThat(sim.command()).last().isEqualTo(SimAgent.class.getName());
    assertThat(sim.command()).contains("-Xmx64m", "-cp");
  }

  @Test
  void shouldAddTheProfilesOfTheRuntimesFile() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("runtimes.json"),
            "{\"runtimes\": {\"probe\": {\"command\": [\"bash\", \"/opt/agents/probe.sh\"],"
                + " \"env\": {\"FOO\": \"bar\"}}}}");

    RuntimeProfiles profiles = RuntimeProfiles.load(Optional.of(file));

    assertThat(profiles.names()).containsExactly("claude-code", "codex", "gemini", "probe", "sim");
    assertThat(profiles.find("probe").orElseThrow())
        .isEqualTo(
            new RuntimeProfile(
                "probe", List.of("bash", "/opt/agents/probe.sh"), Map.of("FOO", "bar")));
  }

  @Test
  void shouldRefuseARuntimesFileThatBreaksTheFormat() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("runtimes.json"), "{\"runtimes\": {\"probe\": {\"command\": \"bash\"}}}");

    assertThatThrownBy(() -> RuntimeProfiles.load(Optional.of(file)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("probe.command must be a non-empty array");
  }

  @Test
  void shouldRefuseAMissingRuntimesFile() {
    assertThatThrownBy(() -> RuntimeProfiles.load(Optional.of(dir.resolve("nope.json"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot read runtimes file");
  }

  @Test
  void shouldRefineABuiltInCliProfileKeepingItsFormat(@TempDir Path dir) throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("runtimes.json"),
            "{\"runtimes\": {\"claude-code\": {\"command\": [\"/opt/clis/claude\"],"
                + " \"baseUrl\": \"http://127.0.0.1:9\", \"credentialRef\": \"anthropic\"}}}");

    RuntimeProfile claude =
        RuntimeProfiles.load(Optional.of(file)).find("claude-code").orElseThrow();

    assertThat(claude.format()).isEqualTo(AgentFormat.CLAUDE_STREAM_JSON);
    assertThat(claude.command()).containsExactly("/opt/clis/claude");
    assertThat(claude.baseUrl()).isEqualTo("http://127.0.0.1:9");
    assertThat(claude.credentialRef()).isEqualTo("anthropic");
  }

  @Test
  void shouldRejectAnUnknownFormat(@TempDir Path dir) throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("runtimes.json"),
            "{\"runtimes\": {\"x\": {\"command\": [\"x\"], \"format\": \"yaml\"}}}");

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> RuntimeProfiles.load(Optional.of(file)))
        .hasMessageContaining("x.format must be one of");
  }
}
