package io.clawops.provisioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clawops.contracts.DeadLetterHeaders;
import io.clawops.contracts.Topics;
import io.clawops.contracts.message.BootstrapCompleted;
import io.clawops.contracts.message.BootstrapRequested;
import io.clawops.contracts.message.CommandCancel;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.TaskDispatched;
import io.clawops.provisioner.support.ClawRecords;
import io.clawops.provisioner.support.ClawRequests;
import io.clawops.provisioner.support.GitRepositories;
import io.clawops.provisioner.support.ProvisionerApi;
import io.clawops.provisioner.support.RecordedTopics;
import io.clawops.provisioner.support.TopicRecordingTest;
import io.clawops.testkit.ClawOpsTestResource;
import io.clawops.testkit.ConsumedRecord;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the provisioner treats what arrives on {@code claw.commands}. */
@QuarkusTest
@WithTestResource(ClawOpsTestResource.class)
class CommandHandlingTest extends TopicRecordingTest {

  @TempDir Path sources;

  @Override
  protected RecordedTopics record() {
    return RecordedTopics.all();
  }

  @Test
  void shouldActOnceOnARebootstrapCommandDeliveredTwice() {
    UUID clawId = failedClaw();
    ClawRecords claw = topics.claw(clawId);
    Envelope command = RebootstrapTest.rebootstrap(clawId);

    topics.publish(Topics.COMMANDS, command);
    topics.publish(Topics.COMMANDS, command);

    assertThat(claw.awaitCompleted(2).reason()).isEqualTo("platform.credentials_missing");
    assertThat(claw.steps(2)).isNotEmpty();
    await()
        .during(ClawRecords.QUIET_PERIOD)
        .atMost(Duration.ofSeconds(10))
        .until(() -> claw.ofType(BootstrapCompleted.TYPE).size() == 2);
    assertThat(claw.steps(3)).isEmpty();
  }

  @Test
  void shouldNotRebootstrapAClawWhoseTaskWasAlreadyDispatched() {
    String url = GitRepositories.create(sources.resolve("app")).url();
    UUID clawId = ProvisionerApi.create(ClawRequests.valid().repository(url, "app").json());
    ClawRecords claw = topics.claw(clawId);
    claw.awaitTask();

    topics.publish(Topics.COMMANDS, RebootstrapTest.rebootstrap(clawId));

    await()
        .during(ClawRecords.QUIET_PERIOD)
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                claw.ofType(BootstrapRequested.TYPE).size() == 1
                    && claw.ofType(TaskDispatched.TYPE).size() == 1);
  }

  @Test
  void shouldDeadLetterAMalformedCommandAndSkipOtherCommandTypesButKeepConsuming() {
    UUID clawId = failedClaw();
    ClawRecords claw = topics.claw(clawId);

    topics.publishRaw(Topics.COMMANDS, clawId.toString(), "{not json at all");
    topics.publish(
        Topics.COMMANDS,
        Envelope.of(clawId, "status/test", new CommandCancel(UUID.randomUUID(), null, "test")));
    topics.publish(Topics.COMMANDS, RebootstrapTest.rebootstrap(clawId));

    ConsumedRecord dead =
        topics
            .recorder()
            .awaitRecord(
                record ->
                    record.topic().equals(Topics.DLQ) && clawId.toString().equals(record.key()));
    assertThat(dead.value()).isEqualTo("{not json at all");
    assertThat(dead.header(DeadLetterHeaders.TOPIC)).isEqualTo(Topics.COMMANDS);
    assertThat(dead.header(DeadLetterHeaders.REASON)).contains("not valid JSON");
    assertThat(claw.awaitCompleted(2).ok()).isFalse();
    assertThat(claw.steps(2)).isNotEmpty();
  }

  /** A claw whose first checklist failed for a credential nobody configures. */
  private UUID failedClaw() {
    String url = GitRepositories.create(sources.resolve("app")).url();
    String ref = "never-" + UUID.randomUUID().toString().substring(0, 8);
    UUID clawId =
        ProvisionerApi.create(ClawRequests.valid().repository(url, "app", true, ref).json());
    topics.claw(clawId).awaitCompleted(1);
    return clawId;
  }
}
