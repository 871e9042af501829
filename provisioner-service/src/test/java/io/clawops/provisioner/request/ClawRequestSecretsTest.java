package io.clawops.provisioner.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clawops.contracts.sanitize.Sanitizer;
import io.clawops.support.rest.FieldError;
import org.junit.jupiter.api.Test;

/**
 * Credentials pasted into a claw request never travel on: redacted from the prompt, refused as
 * names.
 */
class ClawRequestSecretsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "gh" + "s_" + "Gs5MnBv4cXzA0001Lk8JhGf3DsAq";
  private static final String PASSWORD = "Pw4QhWz3kRtY" + "0001!Vu9X";

  private static ObjectNode body() {
    ObjectNode body = JSON.createObjectNode();
    body.put("workflowRunId", "wf-1").put("runtime", "sim").put("prompt", "scenario: healthy");
    body.putArray("modelProfiles")
        .addObject()
        .put("name", "primary")
        .put("model", "m")
        .put("idleTimeoutSeconds", 60);
    return body;
  }

  @Test
  void shouldRedactSecretsFromThePromptAndKeepItsLines() {
    ObjectNode body =
        body()
            .put(
                "prompt",
                "scenario: healthy\nuse token "
                    + TOKEN
                    + "\n\tthen DB password="
                    + PASSWORD
                    + "\n");

    ClawRequest request = ClawRequestParser.parse(body);

    assertThat(request.prompt())
        .isEqualTo(
            "scenario: healthy\nuse token "
                + Sanitizer.REDACTED
                + "\n\tthen DB password="
                + Sanitizer.REDACTED
                + "\n")
        .doesNotContain(TOKEN)
        .doesNotContain(PASSWORD);
  }

  @Test
  void shouldRefuseACredentialWhereARuntimeOrCredentialRefBelongs() {
    ObjectNode body = body().put("runtime", TOKEN);
    body.putArray("repositories")
        .addObject()
        .put("url", "https://github.com/acme/app.git")
        .put("path", "app")
        .put("credentialRef", TOKEN);

    assertThatThrownBy(() -> ClawRequestParser.parse(body))
        .isInstanceOfSatisfying(
            InvalidClawRequestException.class,
            e -> {
              assertThat(e.errors())
                  .extracting(FieldError::field)
                  .contains("runtime", "repositories[0].credentialRef");
              assertThat(e.errors().toString()).doesNotContain(TOKEN);
            });
  }

  @Test
  void shouldKeepOrdinaryNames() {
    ClawRequest request = ClawRequestParser.parse(body().put("runtime", "claude-code"));

    assertThat(request.runtime()).isEqualTo("claude-code");
  }
}
