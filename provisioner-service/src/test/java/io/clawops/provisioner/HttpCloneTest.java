package io.clawops.provisioner;

import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.contracts.message.BootstrapCompleted;
import io.clawops.contracts.message.BootstrapStep;
import io.clawops.provisioner.config.ProvisionerConfig;
import io.clawops.provisioner.persistence.WorkspaceLayout;
import io.clawops.provisioner.support.ClawRecords;
import io.clawops.provisioner.support.ClawRequests;
import io.clawops.provisioner.support.DumbHttpGitServer;
import io.clawops.provisioner.support.GitRepositories;
import io.clawops.provisioner.support.GitRepositories.SourceRepository;
import io.clawops.provisioner.support.Leaks;
import io.clawops.provisioner.support.ProvisionerApi;
import io.clawops.provisioner.support.RecordedTopics;
import io.clawops.provisioner.support.TestSecrets;
import io.clawops.testkit.ClawOpsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clones over git's HTTP transport from a real server that fails the way git hosts do. */
@QuarkusTest
@WithTestResource(ClawOpsTestResource.class)
class HttpCloneTest {

  @Inject WorkspaceLayout layout;
  @Inject ProvisionerConfig config;
  @TempDir Path served;

  private RecordedTopics topics;
  private SourceRepository source;
  private DumbHttpGitServer server;

  @BeforeEach
  void serveRepository() {
    topics = RecordedTopics.all();
    source = GitRepositories.create(served.resolve("src/app"));
    GitRepositories.bareForHttp(source, served.resolve("org/app.git"));
    server = DumbHttpGitServer.serve(served);
  }

  @AfterEach
  void stop() {
    server.close();
    topics.close();
  }

  @Test
  void shouldCloneAfterRetryingWhenTheServerFailsTransiently() {
    server.failFirst(2, 503);

    UUID clawId = ProvisionerApi.create(appRequest().json());
    ClawRecords claw = topics.claw(clawId);

    assertThat(claw.awaitCompleted(1).ok()).isTrue();
    Map<String, Object> cloned =
        ClawRecords.repositoryEvidence(claw.step(1, "repositories_cloned"), 0);
    assertThat(cloned).containsEntry("outcome", "cloned").containsEntry("attempts", 3);
    assertThat(ClawRecords.repositoryEvidence(claw.step(1, "repositories_verified"), 0))
        .containsEntry("head", source.head());
    assertThat(claw.awaitTask().workspacePath()).endsWith(clawId.toString());
  }

  @Test
  void shouldFailAtOnceWithoutRetryingWhenTheRepositoryIsNotFound() {
    server.always(404);

    ClawRecords claw = topics.claw(ProvisionerApi.create(appRequest().json()));
    BootstrapCompleted completed = claw.awaitCompleted(1);

    assertThat(completed.reason()).isEqualTo("platform.repo_missing");
    assertThat(completed.message()).contains("check that the URL is right");
    assertThat(ClawRecords.repositoryEvidence(claw.step(1, "repositories_cloned"), 0))
        .containsEntry("failure", "not_found")
        .containsEntry("attempts", 1);
    claw.assertNoTaskFor(ClawRecords.QUIET_PERIOD);
  }

  @Test
  void shouldFailAtOnceWithoutRetryingWhenAuthenticationIsRefused() {
    server.always(401);

    ClawRecords claw = topics.claw(ProvisionerApi.create(appRequest().json()));
    BootstrapCompleted completed = claw.awaitCompleted(1);

    assertThat(completed.reason()).isEqualTo("platform.repo_missing");
    assertThat(completed.message()).contains("credentialRef");
    BootstrapStep cloned = claw.step(1, "repositories_cloned");
    assertThat(cloned.reason()).isEqualTo("platform.repo_clone_failed");
    assertThat(ClawRecords.repositoryEvidence(cloned, 0))
        .containsEntry("failure", "auth_refused")
        .containsEntry("attempts", 1);
    claw.assertNoTaskFor(ClawRecords.QUIET_PERIOD);
  }

  @Test
  void shouldCloneWithTheReferencedCredentialWithoutItEverLeaving() {
    String ref = "git-host-" + UUID.randomUUID().toString().substring(0, 8);
    String secret = "s3cr3t-" + UUID.randomUUID().toString().replace("-", "");
    String header =
        Base64.getEncoder()
            .encodeToString(("x-access-token:" + secret).getBytes(StandardCharsets.UTF_8));
    server.requireAuthorization("Basic " + header);
    TestSecrets.put(config.secretsFile().orElseThrow(), ref, secret);

    UUID clawId =
        ProvisionerApi.create(
            ClawRequests.valid().repository(server.url("org/app.git"), "app", true, ref).json());
    ClawRecords claw = topics.claw(clawId);

    assertThat(claw.awaitCompleted(1).ok()).isTrue();
    assertThat(claw.step(1, "credentials_configured").evidence())
        .containsEntry("resolved", List.of(Map.of("credentialRef", ref, "source", "secrets file")));
    claw.awaitTask();
    Leaks.assertNotInRecords(topics.recorder().records(), secret);
    Leaks.assertNotInLog(secret, "claw " + clawId + ": bootstrap attempt 1 passed");
    for (String leak : List.of(secret, header)) {
      Leaks.assertNotInFiles(layout.workspace(clawId), leak);
      Leaks.assertNotInFiles(layout.root().resolve(".clawops/claws/" + clawId), leak);
    }
  }

  @Test
  void shouldNotFollowARedirectToAnotherServer() {
    try (DumbHttpGitServer elsewhere = DumbHttpGitServer.serve(served)) {
      server.redirectTo(elsewhere.url("").replaceAll("/$", ""));

      ClawRecords claw = topics.claw(ProvisionerApi.create(appRequest().json()));

      assertThat(claw.awaitCompleted(1).ok()).isFalse();
      assertThat(elsewhere.requests()).isZero();
      claw.assertNoTaskFor(ClawRecords.QUIET_PERIOD);
    }
  }

  private ClawRequests appRequest() {
    return ClawRequests.valid().repository(server.url("org/app.git"), "app");
  }
}
