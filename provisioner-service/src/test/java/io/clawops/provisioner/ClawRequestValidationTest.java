package io.clawops.provisioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clawops.provisioner.support.ClawRequests;
import io.clawops.provisioner.support.ProvisionerApi;
import io.clawops.testkit.ClawOpsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@WithTestResource(ClawOpsTestResource.class)
class ClawRequestValidationTest {

  private static final String GOOD_URL = "https://git.example.com/org/app.git";

  static Stream<Arguments> invalidFields() {
    return Stream.of(
        invalid(
            "missing workflowRunId",
            b -> b.remove("workflowRunId"),
            "workflowRunId",
            "is required"),
        invalid("missing runtime", b -> b.remove("runtime"), "runtime", "is required"),
        invalid("blank prompt", b -> b.put("prompt", " "), "prompt", "must not be blank"),
        invalid(
            "runtime as a command", b -> b.put("runtime", "rm -rf /"), "runtime", "must be a name"),
        invalid(
            "missing modelProfiles",
            b -> b.remove("modelProfiles"),
            "modelProfiles",
            "is required"),
        invalid("no model profile", b -> b.putArray("modelProfiles"), "modelProfiles", "1 to 10"),
        invalid(
            "zero profile idle timeout",
            b -> ((ObjectNode) b.get("modelProfiles").get(0)).put("idleTimeoutSeconds", 0),
            "modelProfiles[0].idleTimeoutSeconds",
            "must be a positive integer"),
        invalid(
            "ftp URL",
            repo("ftp://host/org/app.git", "app"),
            "repositories[0].url",
            "https, ssh, http or file"),
        invalid(
            "ssh URL with a password",
            repo("ssh://git:secret@host/org/app.git", "app"),
            "repositories[0].url",
            "must not carry a password"),
        invalid(
            "scp-like URL",
            repo("git@host:org/app.git", "app"),
            "repositories[0].url",
            "https, ssh, http or file"),
        invalid("not a URL", repo("not a url", "app"), "repositories[0].url", "must be a valid"),
        invalid(
            "URL without host", repo("https:///org/app.git", "app"), "repositories[0].url", "host"),
        invalid(
            "path escaping",
            repo(GOOD_URL, "../x"),
            "repositories[0].path",
            "must stay inside the workspace"),
        invalid(
            "path escaping midway",
            repo(GOOD_URL, "a/../../x"),
            "repositories[0].path",
            "must stay inside the workspace"),
        invalid(
            "absolute path",
            repo(GOOD_URL, "/etc/app"),
            "repositories[0].path",
            "must stay inside the workspace"),
        invalid("empty path", repo(GOOD_URL, ""), "repositories[0].path", "must not be blank"),
        invalid(
            "workspace itself",
            repo(GOOD_URL, "./"),
            "repositories[0].path",
            "not the workspace itself"),
        invalid("path into .git", repo(GOOD_URL, "app/.git/hooks"), "repositories[0].path", ".git"),
        invalid(
            "duplicate path",
            repo(GOOD_URL, "app").andThen(repo(GOOD_URL, "./app/")),
            "repositories[1].path",
            "duplicates repositories[0].path"),
        invalid(
            "nested path",
            repo(GOOD_URL, "app").andThen(repo(GOOD_URL, "app/lib")),
            "repositories[1].path",
            "overlaps with repositories[0].path"),
        invalid(
            "required not a boolean",
            b ->
                b.withArray("repositories")
                    .addObject()
                    .put("url", GOOD_URL)
                    .put("path", "a")
                    .put("required", "no"),
            "repositories[0].required",
            "true or false"),
        invalid(
            "zero run timeout",
            timeout("runSeconds", 0),
            "timeouts.runSeconds",
            "must be a positive integer"),
        invalid(
            "negative idle timeout",
            timeout("idleSeconds", -5),
            "timeouts.idleSeconds",
            "must be a positive integer"),
        invalid(
            "timeout as text",
            b -> b.putObject("timeouts").put("heartbeatSeconds", "10"),
            "timeouts.heartbeatSeconds",
            "must be an integer"),
        invalid(
            "unknown timeout",
            timeout("sleepSeconds", 5),
            "timeouts.sleepSeconds",
            "not a known timeout"),
        invalid(
            "unknown capability",
            b -> b.putObject("capabilities").put("teleport", true),
            "capabilities.teleport",
            "not a known capability"),
        invalid(
            "capability not a boolean",
            b -> b.putObject("capabilities").put("browser", "yes"),
            "capabilities.browser",
            "true or false"),
        invalid("unknown top-level field", b -> b.put("timeout", 5), "timeout", "not a field"),
        invalid(
            "zero maxAttempts",
            b -> b.put("maxAttempts", 0),
            "maxAttempts",
            "must be a positive integer"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFields")
  void shouldAnswer400ProblemNamingTheInvalidField(
      String description, Consumer<ObjectNode> change, String field, String message) {
    ClawRequests request = ClawRequests.valid();
    change.accept(request.tree());

    List<Map<String, String>> errors =
        ProvisionerApi.post(request.json())
            .statusCode(400)
            .contentType("application/problem+json")
            .body("title", is("Invalid claw request"))
            .body("status", is(400))
            .extract()
            .path("errors");

    assertThat(errors)
        .anySatisfy(
            error -> {
              assertThat(error.get("field")).isEqualTo(field);
              assertThat(error.get("message")).contains(message);
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedBodies")
  void shouldAnswer400NamingTheBodyWhenItIsNotAJsonObject(String description, String body) {
    ProvisionerApi.post(body)
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("body"));
  }

  static Stream<Arguments> malformedBodies() {
    return Stream.of(
        Arguments.of("truncated JSON", "{\"workflowRunId\": "),
        Arguments.of("trailing garbage", "{} {}"),
        Arguments.of("duplicate key", "{\"prompt\":\"a\",\"prompt\":\"b\"}"),
        Arguments.of("array", "[]"),
        Arguments.of("empty", ""));
  }

  @Test
  void shouldNameEveryInvalidFieldAtOnce() {
    ClawRequests request = ClawRequests.valid();
    request.tree().remove("runtime");
    repo("ftp://h/r", "../r").accept(request.tree());
    timeout("runSeconds", 0).accept(request.tree());

    ProvisionerApi.post(request.json())
        .statusCode(400)
        .body("errors", hasSize(4))
        .body("errors.field", hasItem("runtime"))
        .body("errors.field", hasItem("repositories[0].url"))
        .body("errors.field", hasItem("repositories[0].path"))
        .body("errors.field", hasItem("timeouts.runSeconds"));
  }

  @Test
  void shouldNeverEchoASecretFromAnInvalidRequest() {
    String token = "ghp_" + "Zx9".repeat(12);
    ClawRequests request = ClawRequests.valid();
    repo("ftp://x:" + token + "@host/org/app.git", "app").accept(request.tree());
    request.tree().put(token, true);

    String body = ProvisionerApi.post(request.json()).statusCode(400).extract().asString();

    assertThat(body).doesNotContain(token).contains("repositories[0].url");
  }

  @Test
  void shouldRejectAnInvalidIdempotencyKey() {
    ProvisionerApi.authorized()
        .header("Idempotency-Key", "x".repeat(300))
        .body(ClawRequests.valid().json())
        .post("/api/claws")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("Idempotency-Key"));
  }

  private static Arguments invalid(
      String description, Consumer<ObjectNode> change, String field, String message) {
    return Arguments.of(description, change, field, message);
  }

  private static Consumer<ObjectNode> repo(String url, String path) {
    return body -> body.withArray("repositories").addObject().put("url", url).put("path", path);
  }

  private static Consumer<ObjectNode> timeout(String name, int seconds) {
    return body -> body.putObject("timeouts").put(name, seconds);
  }
}
