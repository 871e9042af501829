package io.clawops.provisioner;

import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.contracts.Topics;
import io.clawops.contracts.message.BootstrapCompleted;
import io.clawops.contracts.message.BootstrapRequested;
import io.clawops.contracts.message.BootstrapStep;
import io.clawops.contracts.message.CommandRebootstrap;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.StepOutcome;
import io.clawops.contracts.message.TaskDispatched;
import io.clawops.provisioner.config.ProvisionerConfig;
import io.clawops.provisioner.persistence.WorkspaceLayout;
import io.clawops.provisioner.support.ClawRecords;
import io.clawops.provisioner.support.ClawRequests;
import io.clawops.provisioner.support.GitRepositories;
import io.clawops.provisioner.support.GitRepositories.SourceRepository;
import io.clawops.provisioner.support.ProvisionerApi;
import io.clawops.provisioner.support.TestSecrets;
import io.clawops.provisioner.support.TopicRecordingTest;
import io.clawops.testkit.ClawOpsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code command.rebootstrap} re-runs a failed claw's checklist once its cause was fixed. */
@QuarkusTest
@WithTestResource(ClawOpsTestResource.class)
class RebootstrapTest extends TopicRecordingTest {

  @Inject WorkspaceLayout layout;
  @Inject ProvisionerConfig config;
  @TempDir Path sources;

  @Test
  void shouldRunAttemptTwoAndDispatchOnceTheMissingCredentialIsConfigured() {
    String url = GitRepositories.create(sources.resolve("app")).url();
    String ref = "later-" + UUID.randomUUID().toString().substring(0, 8);
    UUID clawId =
        ProvisionerApi.create(ClawRequests.valid().repository(url, "app", true, ref).json());
    ClawRecords claw = topics.claw(clawId);
    assertThat(claw.awaitCompleted(1).reason()).isEqualTo("platform.credentials_missing");

    TestSecrets.put(config.secretsFile().orElseThrow(), ref, "token-value");
    topics.publish(Topics.COMMANDS, rebootstrap(clawId));
    BootstrapCompleted second = claw.awaitCompleted(2);

    assertThat(second.ok()).isTrue();
    assertThat(claw.steps(2))
        .hasSize(5)
        .allSatisfy(
            step -> {
              assertThat(step.outcome()).isEqualTo(StepOutcome.OK);
              assertThat(step.attempt()).isEqualTo(2);
            });
    assertThat(claw.step(2, "sandbox_created").evidence()).containsEntry("reused", true);
    assertThat(claw.ofType(BootstrapRequested.TYPE)).hasSize(2);
    TaskDispatched task = claw.awaitTask();
    assertThat(task.attempt()).isEqualTo(1);
    assertThat(task.workspacePath()).isEqualTo(layout.workspace(clawId).toString());
    assertThat(layout.workspace(clawId).resolve("app/README.md")).isRegularFile();
  }

  @Test
  void shouldReuseTheRepositoriesAlreadyInPlaceAndCloneOnlyWhatWasMissing() {
    SourceRepository present = GitRepositories.create(sources.resolve("present"));
    Path later = sources.resolve("later");
    String body =
        ClawRequests.valid()
            .repository(present.url(), "present")
            .repository(later.toUri().toString(), "later")
            .json();
    UUID clawId = ProvisionerApi.create(body);
    ClawRecords claw = topics.claw(clawId);
    assertThat(claw.awaitCompleted(1).reason()).isEqualTo("platform.repo_missing");
    claw.assertNoTaskFor(ClawRecords.QUIET_PERIOD);

    SourceRepository created = GitRepositories.create(later);
    topics.publish(Topics.COMMANDS, rebootstrap(clawId));

    assertThat(claw.awaitCompleted(2).ok()).isTrue();
    BootstrapStep cloned = claw.step(2, "repositories_cloned");
    assertThat(ClawRecords.repositoryEvidence(cloned, 0))
        .containsEntry("outcome", "reused")
        .containsEntry("attempts", 0);
    assertThat(ClawRecords.repositoryEvidence(cloned, 1)).containsEntry("outcome", "cloned");
    BootstrapStep verified = claw.step(2, "repositories_verified");
    assertThat(ClawRecords.repositoryEvidence(verified, 0)).containsEntry("head", present.head());
    assertThat(ClawRecords.repositoryEvidence(verified, 1)).containsEntry("head", created.head());
    claw.awaitTask();
  }

  static Envelope rebootstrap(UUID clawId) {
    return rebootstrap(clawId, UUID.randomUUID());
  }

  static Envelope rebootstrap(UUID clawId, UUID commandId) {
    return Envelope.of(clawId, "status/test", new CommandRebootstrap(commandId));
  }
}
