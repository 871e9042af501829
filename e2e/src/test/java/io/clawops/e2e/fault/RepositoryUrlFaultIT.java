package io.clawops.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clawops.e2e.system.ClawOpsSystem;
import io.clawops.e2e.system.ClawRequest;
import io.clawops.e2e.system.EndToEnd;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Repository URLs cannot reach what they must not, against the packaged provisioner as the suite
 * configures it (https, ssh and file://, file:// only under the suite's repositories folder): one
 * request per rule, each a 400 naming {@code repositories[0].url} and the rule; a workspace of a
 * claw that ran is never a clone source for another.
 */
@EndToEnd
class RepositoryUrlFaultIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ClawOpsSystem system;

  RepositoryUrlFaultIT(ClawOpsSystem system) {
    this.system = system;
  }

  @Test
  void shouldRefuseEveryUrlThatBreaksARuleAndAcceptTheAllowedOne() throws Exception {
    UUID ran =
        system
            .api()
            .create(
                ClawRequest.scenario("healthy").repository(system.git().create("app"), "app", true))
            .clawId();
    system.api().awaitStatus(ran, "completed");
    Path otherWorkspace = system.workspacesFolder().resolve(ran.toString());
    assertThat(otherWorkspace.resolve("app/.git")).isDirectory();
    Path link = system.repositoriesFolder().resolve("link-" + UUID.randomUUID());
    Files.createSymbolicLink(link, otherWorkspace.toAbsolutePath());

    Map<String, String[]> rules = new LinkedHashMap<>();
    rules.put("scheme http", of("http://git.example.com/org/app.git", "scheme http"));
    rules.put("scheme ftp", of("ftp://git.example.com/org/app.git", "https, ssh, http or file"));
    rules.put("scheme ext", of("ext::sh -c touch% /tmp/pwned", "https, ssh, http or file"));
    rules.put("loopback", of("https://127.0.0.1/org/app.git", "loopback, private"));
    rules.put("localhost", of("https://localhost/org/app.git", "loopback, private"));
    rules.put("decimal loopback", of("https://2130706433/org/app.git", "loopback, private"));
    rules.put("mapped loopback", of("https://[::ffff:127.0.0.1]/org/a.git", "loopback, private"));
    rules.put("private", of("ssh://git@10.0.0.8/org/app.git", "loopback, private"));
    rules.put("link-local", of("https://[fe80::1]/org/app.git", "metadata"));
    rules.put("metadata", of("https://169.254.169.254/latest/a.git", "metadata"));
    rules.put("file outside", of("file:///etc/app.git", "file-roots"));
    rules.put("file escape", of(system.repositoriesFolder().toUri() + "../../../x", "file-roots"));
    rules.put(
        "other workspace",
        of(
            otherWorkspace.resolve("app").toUri().toString(),
            "must not point into a claw workspace"));
    rules.put(
        "link to workspace",
        of(link.resolve("app").toUri().toString(), "must not point into a claw workspace"));
    rules.put(
        "ssh password", of("ssh://git:pw@git.example.com/a.git", "must not carry a password"));

    for (Map.Entry<String, String[]> rule : rules.entrySet()) {
      HttpResponse<String> response = system.api().createRaw(body(rule.getValue()[0]));
      assertThat(response.statusCode()).as(rule.getKey() + ": " + response.body()).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json");
      JsonNode error = JSON.readTree(response.body()).path("errors").path(0);
      assertThat(error.path("field").asText()).as(rule.getKey()).isEqualTo("repositories[0].url");
      assertThat(error.path("message").asText()).as(rule.getKey()).contains(rule.getValue()[1]);
    }
    HttpResponse<String> allowed = system.api().createRaw(body(system.git().create("lib")));
    assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(202);

    FaultTable.add(
        new FaultTable.Row(
            "repository URLs: " + rules.size() + " rules, one refused request each",
            rules.size() + 1,
            1,
            0,
            0,
            0,
            "-"));
  }

  private static String[] of(String url, String reason) {
    return new String[] {url, reason};
  }

  private static String body(String url) throws Exception {
    ObjectNode body = (ObjectNode) JSON.readTree(ClawRequest.scenario("healthy").toJson());
    body.putArray("repositories").addObject().put("url", url).put("path", "app");
    return body.toString();
  }
}
