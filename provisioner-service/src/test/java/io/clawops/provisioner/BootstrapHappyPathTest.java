package io.clawops.provisioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clawops.contracts.message.BootstrapCompleted;
import io.clawops.contracts.message.BootstrapRequested;
import io.clawops.contracts.message.BootstrapStep;
import io.clawops.contracts.message.Capabilities;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.ModelProfile;
import io.clawops.contracts.message.StepOutcome;
import io.clawops.contracts.message.TaskDispatched;
import io.clawops.contracts.message.Timeouts;
import io.clawops.provisioner.persistence.WorkspaceLayout;
import io.clawops.provisioner.support.ClawRecords;
import io.clawops.provisioner.support.ClawRequests;
import io.clawops.provisioner.support.GitRepositories;
import io.clawops.provisioner.support.GitRepositories.SourceRepository;
import io.clawops.provisioner.support.ProvisionerApi;
import io.clawops.provisioner.support.TopicRecordingTest;
import io.clawops.testkit.ClawOpsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusTest
@WithTestResource(ClawOpsTestResource.class)
class BootstrapHappyPathTest extends TopicRecordingTest {

  @Inject WorkspaceLayout layout;
  @TempDir Path sources;

  @Test
  void shouldPublishEveryStepInOrderThenExactlyOneTaskForTheClonedWorkspace() throws Exception {
    SourceRepository app = GitRepositories.create(sources.resolve("app"));
    ClawRequests request = ClawRequests.valid().repository(app.url(), "app");

    Instant before = Instant.now();
    UUID clawId = ProvisionerApi.create(request.json());
    ClawRecords claw = topics.claw(clawId);
    BootstrapCompleted completed = claw.awaitCompleted(1);
    TaskDispatched task = claw.awaitTask();

    assertThat(completed.ok()).isTrue();
    assertThat(completed.reason()).isNull();
    assertThat(claw.ofType(BootstrapCompleted.TYPE).get(0).occurredAt())
        .isBeforeOrEqualTo(claw.ofType(TaskDispatched.TYPE).get(0).occurredAt());
    List<String> bootstrapTypes =
        claw.envelopes().stream()
            .map(Envelope::type)
            .filter(type -> !type.equals(TaskDispatched.TYPE))
            .toList();
    assertThat(bootstrapTypes)
        .containsExactly(
            BootstrapRequested.TYPE,
            BootstrapStep.TYPE,
            BootstrapStep.TYPE,
            BootstrapStep.TYPE,
            BootstrapStep.TYPE,
            BootstrapStep.TYPE,
            BootstrapCompleted.TYPE);
    assertThat(claw.steps(1))
        .extracting(BootstrapStep::step)
        .containsExactly(
            "sandbox_created",
            "workspace_files_written",
            "credentials_configured",
            "repositories_cloned",
            "repositories_verified");
    assertThat(claw.steps(1))
        .allSatisfy(
            step -> {
              assertThat(step.outcome()).isEqualTo(StepOutcome.OK);
              assertThat(step.reason()).isNull();
              assertThat(step.attempt()).isEqualTo(1);
            });

    BootstrapRequested requested =
        (BootstrapRequested) claw.ofType(BootstrapRequested.TYPE).get(0).data();
    assertThat(requested.workflowRunId()).isEqualTo(request.workflowRunId());
    assertThat(requested.spec().path("repositories").get(0).path("url").asText())
        .isEqualTo(app.url());
    assertThat(requested.deadlineAt())
        .isBetween(before.plusSeconds(600), Instant.now().plusSeconds(600));

    Path workspace = layout.workspace(clawId);
    assertThat(task.workspacePath()).isEqualTo(workspace.toAbsolutePath().toString());
    assertThat(task.attempt()).isEqualTo(1);
    assertThat(workspace.resolve("app/.git")).isDirectory();
    Map<String, Object> verified =
        ClawRecords.repositoryEvidence(claw.step(1, "repositories_verified"), 0);
    assertThat(verified)
        .containsEntry("repository", "app")
        .containsEntry("path", "app")
        .containsEntry("gitDir", true)
        .containsEntry("head", app.head());
    assertThat(ClawRecords.repositoryEvidence(claw.step(1, "repositories_cloned"), 0))
        .containsEntry("outcome", "cloned")
        .containsEntry("attempts", 1);
    assertThat(GitRepositories.head(workspace.resolve("app"))).isEqualTo(app.head());

    String context = Files.readString(workspace.resolve("CLAWOPS_CONTEXT.md"));
    assertThat(context)
        .contains("Elevated execution is not available: do not use sudo or elevated exec.")
        .contains("A browser is not available")
        .doesNotContain("File tools are not available")
        .contains("`app/`");
    assertThat(context.indexOf("not available")).isLessThan(context.indexOf("## Repositories"));

    await()
        .during(ClawRecords.QUIET_PERIOD)
        .atMost(Duration.ofSeconds(10))
        .until(() -> claw.ofType(TaskDispatched.TYPE).size() == 1);
  }

  @Test
  void shouldCarryTheRequestIntoTheTaskAndNotBlockOnAMissingOptionalRepository() {
    SourceRepository lib = GitRepositories.create(sources.resolve("lib"));
    String missing = sources.resolve("absent.git").toUri().toString();
    ClawRequests request =
        ClawRequests.valid()
            .repository(lib.url(), "src/lib")
            .repository(missing, "extras", false, null);
    request.tree().put("prompt", "Refactor the parser.\nKeep the API.").put("maxAttempts", 5);
    request.tree().putObject("capabilities").put("elevatedExec", true).put("fileTools", false);
    request.tree().putObject("timeouts").put("runSeconds", 900).put("heartbeatSeconds", 5);
    request
        .tree()
        .withArray("modelProfiles")
        .addObject()
        .put("name", "fallback")
        .put("model", "gpt-x")
        .put("idleTimeoutSeconds", 60);

    UUID clawId = ProvisionerApi.create(request.json());
    ClawRecords claw = topics.claw(clawId);
    TaskDispatched task = claw.awaitTask();

    assertThat(claw.awaitCompleted(1).ok()).isTrue();
    assertThat(task.runtime()).isEqualTo("probe");
    assertThat(task.prompt()).isEqualTo("Refactor the parser.\nKeep the API.");
    assertThat(task.modelProfile()).isEqualTo(new ModelProfile("primary", "minimax-m2", 120));
    assertThat(task.fallbackProfiles()).containsExactly(new ModelProfile("fallback", "gpt-x", 60));
    assertThat(task.capabilities()).isEqualTo(new Capabilities(true, false, false, true));
    assertThat(task.timeouts()).isEqualTo(new Timeouts(900, 300, 1800, 5));
    assertThat(task.maxAttempts()).isEqualTo(5);
    BootstrapStep cloned = claw.step(1, "repositories_cloned");
    assertThat(cloned.outcome()).isEqualTo(StepOutcome.OK);
    assertThat(cloned.message()).contains("optional repository 'absent'");
    assertThat(ClawRecords.repositoryEvidence(cloned, 1))
        .containsEntry("outcome", "failed")
        .containsEntry("failure", "not_found")
        .containsEntry("required", false);
    assertThat(ClawRecords.repositoryEvidence(claw.step(1, "repositories_verified"), 1))
        .containsEntry("present", false)
        .containsEntry("head", null);
    assertThat(layout.workspace(clawId).resolve("src/lib/README.md")).isRegularFile();
  }
}
