package io.clawops.runner.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.contracts.message.Capabilities;
import org.junit.jupiter.api.Test;

/** What the Gemini launch writes for a claw's capabilities. */
class GeminiLaunchTest {

  @Test
  void shouldDenySudoAndSuByCommandPrefixWithoutElevatedExec() {
    String policy = GeminiLaunch.policy(new Capabilities(false, true, true, true));

    assertThat(policy)
        .contains("toolName = \"run_shell_command\"\ncommandPrefix = [\"sudo\", \"su\"]")
        .contains("decision = \"deny\"")
        .contains("denyMessage = \"elevated execution (sudo, su) is not available");
    // The shell itself stays: only the elevated commands are denied.
    assertThat(policy.split("\\[\\[rule]]")).hasSize(2);
  }

  @Test
  void shouldDenyWholeToolsForTheOtherMissingCapabilities() {
    String policy = GeminiLaunch.policy(new Capabilities(true, false, false, false));

    assertThat(policy)
        .doesNotContain("commandPrefix")
        .contains("toolName = \"run_shell_command\"\ndecision = \"deny\"")
        .contains("toolName = [\"write_file\", \"replace\"]")
        .contains("toolName = [\"web_fetch\", \"google_web_search\"]");
  }

  @Test
  void shouldWriteNoPolicyForAClawThatMayDoEverything() {
    assertThat(GeminiLaunch.policy(new Capabilities(true, true, true, true))).isEmpty();
  }

  @Test
  void shouldLeaveLoopDetectionToClawOps() {
    assertThat(GeminiLaunch.settings())
        .contains("\"disableLoopDetection\":true")
        .contains("\"selectedType\":\"gemini-api-key\"")
        .doesNotContain("exclude");
  }
}
