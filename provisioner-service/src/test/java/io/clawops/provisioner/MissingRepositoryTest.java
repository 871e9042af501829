package io.clawops.provisioner;

import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.contracts.message.BootstrapCompleted;
import io.clawops.contracts.message.BootstrapStep;
import io.clawops.contracts.message.StepOutcome;
import io.clawops.provisioner.persistence.WorkspaceLayout;
import io.clawops.provisioner.support.ClawRecords;
import io.clawops.provisioner.support.ClawRequests;
import io.clawops.provisioner.support.GitRepositories;
import io.clawops.provisioner.support.ProvisionerApi;
import io.clawops.provisioner.support.TopicRecordingTest;
import io.clawops.testkit.ClawOpsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusTest
@WithTestResource(ClawOpsTestResource.class)
class MissingRepositoryTest extends TopicRecordingTest {

  @Inject WorkspaceLayout layout;
  @TempDir Path sources;

  @Test
  void shouldFailWithRepoMissingAndNeverDispatchWhenARequiredRepositoryDoesNotExist() {
    String present = GitRepositories.create(sources.resolve("present")).url();
    String absent = sources.resolve("payments-api.git").toUri().toString();
    String body =
        ClawRequests.valid().repository(present, "present").repository(absent, "payments").json();

    UUID clawId = ProvisionerApi.create(body);
    ClawRecords claw = topics.claw(clawId);
    BootstrapCompleted completed = claw.awaitCompleted(1);

    assertThat(completed.ok()).isFalse();
    assertThat(completed.reason()).isEqualTo("platform.repo_missing");
    assertThat(completed.message())
        .startsWith("required repository 'payments-api' (path 'payments') is missing")
        .contains("check that the URL is right and the repository exists")
        .contains(absent)
        .hasSizeLessThanOrEqualTo(300);

    BootstrapStep cloned = claw.step(1, "repositories_cloned");
    assertThat(cloned.outcome()).isEqualTo(StepOutcome.FAILED);
    assertThat(cloned.reason()).isEqualTo("platform.repo_clone_failed");
    // Not found is permanent: exactly one attempt, no retry delay.
    assertThat(ClawRecords.repositoryEvidence(cloned, 1))
        .containsEntry("outcome", "failed")
        .containsEntry("failure", "not_found")
        .containsEntry("attempts", 1);
    assertThat(ClawRecords.repositoryEvidence(cloned, 0)).containsEntry("outcome", "cloned");

    BootstrapStep verified = claw.step(1, "repositories_verified");
    assertThat(verified.outcome()).isEqualTo(StepOutcome.FAILED);
    assertThat(verified.reason()).isEqualTo("platform.repo_missing");
    assertThat(ClawRecords.repositoryEvidence(verified, 1))
        .containsEntry("present", false)
        .containsEntry("gitDir", false)
        .containsEntry("head", null);
    assertThat(layout.workspace(clawId).resolve("payments")).doesNotExist();

    claw.assertNoTaskFor(ClawRecords.QUIET_PERIOD);
  }

  @Test
  void shouldFailWhenARequiredRepositoryHasNoCommit() {
    Path empty = sources.resolve("empty");
    GitRepositories.init(empty);

    UUID clawId =
        ProvisionerApi.create(
            ClawRequests.valid().repository(empty.toUri().toString(), "empty").json());
    ClawRecords claw = topics.claw(clawId);
    BootstrapCompleted completed = claw.awaitCompleted(1);

    assertThat(completed.ok()).isFalse();
    assertThat(completed.reason()).isEqualTo("platform.repo_missing");
    assertThat(completed.message()).contains("has commits on its default branch");
    assertThat(ClawRecords.repositoryEvidence(claw.step(1, "repositories_verified"), 0))
        .containsEntry("present", true)
        .containsEntry("gitDir", true)
        .containsEntry("head", null);
    claw.assertNoTaskFor(ClawRecords.QUIET_PERIOD);
  }
}
