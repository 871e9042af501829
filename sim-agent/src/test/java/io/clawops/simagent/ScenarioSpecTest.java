package io.clawops.simagent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScenarioSpecTest {

  @Test
  void shouldReadNameAndParametersFromTheFirstScenarioLine() {
    ScenarioSpec spec =
        ScenarioSpec.fromPrompt(
            "Fix the build.\n  Scenario: model-timeout ok-model=fallback-model wait-ms=50\n"
                + "scenario: hang");

    assertThat(spec.name()).isEqualTo("model-timeout");
    assertThat(spec.text("ok-model")).contains("fallback-model");
    assertThat(spec.number("wait-ms", 200)).isEqualTo(50);
  }

  @Test
  void shouldPlayHealthyWhenThePromptNamesNoScenario() {
    assertThat(ScenarioSpec.fromPrompt("Just fix the bug").name()).isEqualTo("healthy");
    assertThat(ScenarioSpec.fromPrompt(null).name()).isEqualTo("healthy");
  }

  @Test
  void shouldFallBackToDefaultsForMissingOrMalformedParameters() {
    ScenarioSpec spec = ScenarioSpec.fromPrompt("scenario: slow-tool tool-seconds=2.5 lines=many");

    assertThat(spec.secondsAsMillis("tool-seconds", 3)).isEqualTo(2500);
    assertThat(spec.number("lines", 7)).isEqualTo(7);
    assertThat(spec.number("absent", 9)).isEqualTo(9);
  }
}
