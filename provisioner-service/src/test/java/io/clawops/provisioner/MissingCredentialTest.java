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
class MissingCredentialTest extends TopicRecordingTest {

  @Inject WorkspaceLayout layout;
  @TempDir Path sources;

  @Test
  void shouldFailWithCredentialsMissingAndAttemptNoCloneWhenACredentialRefIsNotConfigured() {
    String url = GitRepositories.create(sources.resolve("app")).url();
    String ref = "deploy-key-" + UUID.randomUUID().toString().substring(0, 8);
    UUID clawId =
        ProvisionerApi.create(ClawRequests.valid().repository(url, "app", true, ref).json());
    ClawRecords claw = topics.claw(clawId);

    BootstrapCompleted completed = claw.awaitCompleted(1);

    assertThat(completed.ok()).isFalse();
    assertThat(completed.reason()).isEqualTo("platform.credentials_missing");
    BootstrapStep credentials = claw.step(1, "credentials_configured");
    assertThat(credentials.outcome()).isEqualTo(StepOutcome.FAILED);
    assertThat(credentials.reason()).isEqualTo("platform.credentials_missing");
    assertThat(credentials.message())
        .contains("'" + ref + "'")
        .contains("CLAWOPS_SECRET_" + ref.toUpperCase().replace('-', '_'))
        .contains("secrets file");
    assertThat(credentials.evidence()).containsEntry("missing", java.util.List.of(ref));
    assertThat(claw.step(1, "repositories_cloned").outcome()).isEqualTo(StepOutcome.SKIPPED);
    assertThat(claw.step(1, "repositories_cloned").reason())
        .isEqualTo("platform.credentials_missing");
    assertThat(claw.step(1, "repositories_verified").outcome()).isEqualTo(StepOutcome.SKIPPED);
    assertThat(layout.workspace(clawId).resolve("app")).doesNotExist();
    assertThat(layout.workspace(clawId).resolve("CLAWOPS_CONTEXT.md")).isRegularFile();

    claw.assertNoTaskFor(ClawRecords.QUIET_PERIOD);
  }
}
