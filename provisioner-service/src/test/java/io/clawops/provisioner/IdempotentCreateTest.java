package io.clawops.provisioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import io.clawops.contracts.Digests;
import io.clawops.contracts.message.BootstrapRequested;
import io.clawops.contracts.message.TaskDispatched;
import io.clawops.provisioner.persistence.WorkspaceLayout;
import io.clawops.provisioner.support.ClawRecords;
import io.clawops.provisioner.support.ClawRequests;
import io.clawops.provisioner.support.ProvisionerApi;
import io.clawops.provisioner.support.TopicRecordingTest;
import io.clawops.testkit.ClawOpsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(ClawOpsTestResource.class)
class IdempotentCreateTest extends TopicRecordingTest {

  @Inject WorkspaceLayout layout;

  @Test
  void shouldAnswerTheSameClawAndBootstrapOnceForARepeatedIdempotencyKey() {
    String key = "create-" + UUID.randomUUID();
    String body = ClawRequests.valid().json();

    UUID first = UUID.fromString(createWithKey(key, body).statusCode(202).extract().path("clawId"));
    UUID second =
        UUID.fromString(
            createWithKey(key, body)
                .statusCode(202)
                .body("statusUrl", is("/api/claws/" + first))
                .extract()
                .path("clawId"));

    assertThat(second).isEqualTo(first);
    ClawRecords claw = topics.claw(first);
    claw.awaitTask();
    await()
        .during(ClawRecords.QUIET_PERIOD)
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                claw.ofType(BootstrapRequested.TYPE).size() == 1
                    && claw.ofType(TaskDispatched.TYPE).size() == 1);
    assertThat(layout.root().resolve(".clawops/idempotency/" + Digests.sha256(key) + ".json"))
        .isRegularFile();
  }

  @Test
  void shouldRefuseAnIdempotencyKeyReusedWithADifferentRequest() {
    String key = "create-" + UUID.randomUUID();
    createWithKey(key, ClawRequests.valid().json()).statusCode(202);

    createWithKey(key, ClawRequests.valid().json())
        .statusCode(409)
        .contentType("application/problem+json")
        .body("title", is("Idempotency-Key reused"));
  }

  @Test
  void shouldCreateDistinctClawsWithoutIdempotencyKey() {
    String body = ClawRequests.valid().json();

    UUID first = ProvisionerApi.create(body);
    UUID second = ProvisionerApi.create(body);

    assertThat(second).isNotEqualTo(first);
  }

  private static ValidatableResponse createWithKey(String key, String body) {
    return ProvisionerApi.authorized()
        .header("Idempotency-Key", key)
        .body(body)
        .post("/api/claws")
        .then();
  }
}
