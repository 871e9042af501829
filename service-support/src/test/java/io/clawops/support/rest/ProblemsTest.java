package io.clawops.support.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldAnswerUnauthorizedWithTheBearerSchemeAndNoDetail() throws Exception {
    Response response = Problems.unauthorized();

    assertThat(response.getStatus()).isEqualTo(401);
    assertThat(response.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(response.getMediaType()).hasToString(Problems.MEDIA_TYPE);
    JsonNode body = body(response);
    assertThat(body.path("type").asText()).isEqualTo("about:blank");
    assertThat(body.path("title").asText()).isEqualTo("Unauthorized");
    assertThat(body.path("status").asInt()).isEqualTo(401);
    assertThat(body.has("detail")).isFalse();
  }

  @Test
  void shouldTitleAStatusWithItsReasonPhrase() throws Exception {
    assertThat(body(Problems.status(404)).path("title").asText()).isEqualTo("Not Found");
    assertThat(body(Problems.status(405)).path("title").asText()).isEqualTo("Method Not Allowed");
    assertThat(body(Problems.status(599)).path("title").asText()).isEqualTo("Error");
    assertThat(Problems.status(503).getStatus()).isEqualTo(503);
  }

  @Test
  void shouldLeaveOutANullDetail() throws Exception {
    Response response = Problems.problem(404, "Claw not found", null);

    assertThat(response.getStatus()).isEqualTo(404);
    JsonNode body = body(response);
    assertThat(body.path("title").asText()).isEqualTo("Claw not found");
    assertThat(body.path("type").asText()).isEqualTo(Problems.ABOUT_BLANK);
    assertThat(body.has("detail")).isFalse();
  }

  @Test
  void shouldRedactASecretInTheDetail() throws Exception {
    JsonNode body =
        body(
            Problems.problem(
                "urn:clawops:problem:test",
                409,
                "Conflict",
                "clone of https://user:ghp_abcdefghijklmnopqrstuvwxyz0123@github.com/o/r failed\n"
                    + "again"));

    assertThat(body.path("type").asText()).isEqualTo("urn:clawops:problem:test");
    assertThat(body.path("status").asInt()).isEqualTo(409);
    assertThat(body.path("detail").asText())
        .contains("https://***@github.com/o/r failed")
        .doesNotContain("ghp_")
        .doesNotContain("\n");
  }

  @Test
  void shouldNameEveryInvalidField() throws Exception {
    Response response =
        Problems.fieldErrors(
            "urn:clawops:problem:invalid-test",
            "Invalid test",
            List.of(new FieldError("a", "is required"), new FieldError("b[0]", "is too long")));

    assertThat(response.getStatus()).isEqualTo(400);
    JsonNode body = body(response);
    assertThat(body.path("title").asText()).isEqualTo("Invalid test");
    assertThat(body.path("errors").findValuesAsText("field")).containsExactly("a", "b[0]");
    assertThat(body.path("errors").findValuesAsText("message"))
        .containsExactly("is required", "is too long");
  }

  @Test
  void shouldSanitizeAFieldErrorOnConstruction() {
    FieldError error = new FieldError("token\nx", "password=hunter2 is wrong");

    assertThat(error.field()).doesNotContain("\n");
    assertThat(error.message()).doesNotContain("hunter2");
  }

  private static JsonNode body(Response response) throws Exception {
    return JSON.readTree((String) response.getEntity());
  }
}
