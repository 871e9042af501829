package io.clawops.provisioner;

import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.provisioner.config.ProvisionerConfig;
import io.clawops.provisioner.support.ClawRequests;
import io.clawops.provisioner.support.GitRepositories;
import io.clawops.provisioner.support.ProvisionerApi;
import io.clawops.testkit.ClawOpsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The repository allow-list as a caller meets it: one refusal per rule, each a 400 naming {@code
 * repositories[i].url} and the rule, under the test profile's settings (https, ssh, http and file;
 * 127.0.0.1 as the one private host; file repositories under target/).
 */
@QuarkusTest
@WithTestResource(ClawOpsTestResource.class)
class RepositoryAllowListTest {

  @Inject ProvisionerConfig config;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "loopback by name       | https://localhost/org/app.git        | loopback, private",
        "loopback literal       | https://127.0.0.2/org/app.git        | loopback, private",
        "loopback as one number | https://2130706433/org/app.git       | loopback, private",
        "IPv4-mapped IPv6       | https://[::ffff:127.0.0.2]/org/a.git | loopback, private",
        "IPv6 loopback          | https://[::1]/org/app.git            | loopback, private",
        "private network        | https://10.1.2.3/org/app.git         | loopback, private",
        "private network 192    | ssh://git@192.168.1.20/org/app.git   | loopback, private",
        "unique local IPv6      | https://[fd12:3456::1]/org/app.git   | loopback, private",
        "carrier NAT            | https://100.64.0.1/org/app.git       | loopback, private",
        "unspecified address    | http://0.0.0.0/org/app.git           | loopback, private",
        "link-local metadata    | http://169.254.169.254/latest/x.git  | metadata",
        "IPv6 metadata          | http://[fd00:ec2::254]/latest/x.git  | metadata",
        "outside the file roots | file:///etc/app.git                  | clawops.repositories.file-roots",
      })
  void shouldRefuseAnAddressItMustNotReach(String rule, String url, String reason) {
    assertRefused(url, reason);
  }

  @Test
  void shouldRefuseAFileRootEscapedWithDotDot() {
    String url = Path.of(System.getProperty("java.io.tmpdir")).toUri() + "../../../etc/app.git";

    assertRefused(url, "clawops.repositories.file-roots");
  }

  @Test
  void shouldRefuseAnotherClawsWorkspaceAsCloneSource() throws IOException {
    Path workspace =
        Files.createDirectories(
            config.workspacesRoot().toAbsolutePath().resolve(UUID.randomUUID().toString()));
    String url = GitRepositories.create(workspace.resolve("app")).url();

    assertRefused(url, "must not point into a claw workspace");
  }

  @Test
  void shouldRefuseALinkThatLeadsFromAnAllowedFolderIntoAWorkspace() throws IOException {
    Path workspace =
        Files.createDirectories(
            config.workspacesRoot().toAbsolutePath().resolve(UUID.randomUUID().toString()));
    GitRepositories.create(workspace.resolve("app"));
    Path link = Path.of(System.getProperty("java.io.tmpdir"), "link-" + UUID.randomUUID());
    Files.createSymbolicLink(link, workspace.toAbsolutePath());

    assertRefused(link.resolve("app").toUri().toString(), "must not point into a claw workspace");
  }

  @Test
  void shouldAcceptAFileRepositoryUnderAnAllowedFolder() throws IOException {
    Path sources =
        Files.createDirectories(
            Path.of(System.getProperty("java.io.tmpdir"), "sources-" + UUID.randomUUID()));
    String url = GitRepositories.create(sources.resolve("app")).url();

    ProvisionerApi.post(ClawRequests.valid().repository(url, "app").json()).statusCode(202);
  }

  private static void assertRefused(String url, String reason) {
    List<Map<String, String>> errors =
        ProvisionerApi.post(ClawRequests.valid().repository(url, "app").json())
            .statusCode(400)
            .contentType("application/problem+json")
            .extract()
            .path("errors");
    assertThat(errors)
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.get("field")).isEqualTo("repositories[0].url");
              assertThat(error.get("message")).contains(reason).doesNotContain(url);
            });
  }
}
