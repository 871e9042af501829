package io.clawops.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ReasonCodeTest {

  /** DESIGN §6.3, literally. */
  private static final List<String> DESIGN_CODES =
      List.of(
          "platform.provision_timeout",
          "platform.sandbox_unavailable",
          "platform.credentials_missing",
          "platform.repo_clone_failed",
          "platform.repo_missing",
          "platform.bootstrap_step_failed",
          "platform.dispatch_timeout",
          "platform.runner_lost",
          "platform.hard_timeout",
          "platform.idle_watchdog",
          "platform.cancelled",
          "platform.capability_missing",
          "platform.tool_loop",
          "agent.model_timeout",
          "agent.provider_auth",
          "agent.provider_rate_limit",
          "agent.provider_server_error",
          "agent.provider_network",
          "agent.context_overflow",
          "agent.process_failure",
          "agent.unparseable_output",
          "agent.unknown");

  @Test
  void shouldDefineExactlyTheDesignCodes() {
    assertThat(Arrays.stream(ReasonCode.values()).map(ReasonCode::code))
        .containsExactlyInAnyOrderElementsOf(DESIGN_CODES);
  }

  @ParameterizedTest
  @EnumSource(ReasonCode.class)
  void shouldRoundTripThroughFromCode(ReasonCode reason) {
    assertThat(ReasonCode.fromCode(reason.code())).contains(reason);
  }

  @ParameterizedTest
  @EnumSource(ReasonCode.class)
  void shouldBePrefixedBySideAndKnowWhichSideItIs(ReasonCode reason) {
    assertThat(reason.code()).matches("(platform|agent)\\.[a-z_]+");
    assertThat(reason.isPlatform()).isEqualTo(reason.code().startsWith("platform."));
  }

  @ParameterizedTest
  @EnumSource(ReasonCode.class)
  void shouldOfferOneActionableLineOfRemediation(ReasonCode reason) {
    assertThat(reason.remediation()).isNotBlank().doesNotContain("\n").endsWith(".");
    assertThat(reason.remediation().length()).isBetween(20, 200);
  }

  @ParameterizedTest
  @CsvSource({
    "platform.provision_timeout, true",
    "platform.sandbox_unavailable, true",
    "platform.repo_clone_failed, true",
    "platform.dispatch_timeout, true",
    "platform.runner_lost, true",
    "agent.model_timeout, true",
    "agent.provider_rate_limit, true",
    "agent.provider_server_error, true",
    "agent.provider_network, true",
    "platform.credentials_missing, false",
    "platform.repo_missing, false",
    "platform.capability_missing, false",
    "platform.tool_loop, false",
    "platform.cancelled, false",
    "agent.provider_auth, false",
    "agent.context_overflow, false",
  })
  void shouldClassifyRetryability(String code, boolean retryable) {
    assertThat(ReasonCode.fromCode(code).orElseThrow().retryable()).isEqualTo(retryable);
  }

  @Test
  void shouldNotKnowUnknownOrNullCodes() {
    assertThat(ReasonCode.fromCode("platform.coffee_break")).isEmpty();
    assertThat(ReasonCode.fromCode(null)).isEmpty();
  }

  @Test
  void shouldSerializeAsItsCode() throws Exception {
    assertThat(new ObjectMapper().writeValueAsString(ReasonCode.TOOL_LOOP))
        .isEqualTo("\"platform.tool_loop\"");
  }
}
