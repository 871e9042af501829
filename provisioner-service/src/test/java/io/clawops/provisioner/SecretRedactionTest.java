package io.clawops.provisioner;

import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.contracts.message.BootstrapCompleted;
import io.clawops.contracts.message.BootstrapRequested;
import io.clawops.contracts.message.BootstrapStep;
import io.clawops.provisioner.config.ProvisionerConfig;
import io.clawops.provisioner.persistence.WorkspaceLayout;
import io.clawops.provisioner.support.ClawRecords;
import io.clawops.provisioner.support.ClawRequests;
import io.clawops.provisioner.support.Leaks;
import io.clawops.provisioner.support.ProvisionerApi;
import io.clawops.provisioner.support.RecordedTopics;
import io.clawops.testkit.ClawOpsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(ClawOpsTestResource.class)
class SecretRedactionTest {

  private static final String ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  @Inject WorkspaceLayout layout;
  @Inject ProvisionerConfig config;

  @Test
  void shouldKeepATokenInARepositoryUrlOutOfEveryRecordResponseLogLineAndFile() throws IOException {
    String token = "ghp_" + random(36);
    int port = closedPort();
    String url = "https://x:" + token + "@127.0.0.1:" + port + "/org/repo.git";
    String body = ClawRequests.valid().repository(url, "repo").json();

    try (RecordedTopics topics = RecordedTopics.all()) {
      var response = ProvisionerApi.post(body).statusCode(202).extract();
      UUID clawId = UUID.fromString(response.path("clawId"));
      ClawRecords claw = topics.claw(clawId);
      BootstrapCompleted completed = claw.awaitCompleted(1);

      assertThat(completed.ok()).isFalse();
      assertThat(completed.reason()).isEqualTo("platform.repo_missing");
      assertThat(completed.message()).contains("https://127.0.0.1:" + port + "/org/repo.git");
      BootstrapStep cloned = claw.step(1, "repositories_cloned");
      // A refused connection is transient: retried up to clawops.git.max-retries times.
      assertThat(ClawRecords.repositoryEvidence(cloned, 0))
          .containsEntry("url", "https://127.0.0.1:" + port + "/org/repo.git")
          .containsEntry("failure", "unreachable")
          .containsEntry("attempts", config.git().maxRetries() + 1);
      BootstrapRequested requested =
          (BootstrapRequested) claw.ofType(BootstrapRequested.TYPE).get(0).data();
      assertThat(requested.spec().path("repositories").get(0).path("url").asText())
          .isEqualTo("https://127.0.0.1:" + port + "/org/repo.git");
      claw.assertNoTaskFor(ClawRecords.QUIET_PERIOD);

      assertThat(response.asString()).doesNotContain(token);
      Leaks.assertNotInRecords(topics.recorder().records(), token);
      int attempts = config.git().maxRetries() + 1;
      Leaks.assertNotInLog(token, "claw " + clawId + ": clone attempt " + attempts);
      Leaks.assertNotInFiles(layout.workspace(clawId), token);
      Leaks.assertNotInFiles(layout.root().resolve(".clawops"), token);
    }
  }

  private static String random(int length) {
    SecureRandom random = new SecureRandom();
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
    }
    return text.toString();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
