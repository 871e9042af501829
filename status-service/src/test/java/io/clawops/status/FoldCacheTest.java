package io.clawops.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.clawops.status.fold.ClawCache;
import io.clawops.testkit.ClawKafka;
import io.clawops.testkit.ClawOpsTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The fold keeps the claws it wrote in memory; another writer's change to one of them is read
 * again, never overwritten by the fold's older copy (DESIGN §9).
 */
@QuarkusTest
@WithTestResource(
    value = ClawOpsTestResource.class,
    initArgs = @ResourceArg(name = ClawOpsTestResource.DATABASE, value = "status"))
class FoldCacheTest {

  @Inject AgroalDataSource dataSource;
  @Inject ClawCache cache;

  private final ClawKafka kafka = ClawKafka.shared();

  @Test
  void shouldKeepAnActionTakenBetweenTwoBatchesOfAClawTheFoldHoldsInMemory() throws Exception {
    ClawStreams claw = new ClawStreams(kafka);
    claw.requested().completed(true, null, null).dispatched(10).running(1, ClawStreams.PRIMARY);
    StatusApi.awaitClaw(claw.clawId, StatusApi.status("running"));
    assertThat(cache.getAll(List.of(claw.clawId))).containsKey(claw.clawId);
    long folded = version(claw.clawId);

    // The action writes the stored document behind the fold's cached copy.
    StatusApi.authorized().post("/api/claws/" + claw.clawId + "/cancel").then().statusCode(202);
    assertThat(version(claw.clawId)).isEqualTo(folded + 1);
    claw.toolCall("read", true, null);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(stored(claw.clawId, "state->'runs'->-1->>'highSeq'")).isEqualTo("4"));
    assertThat(version(claw.clawId)).isGreaterThan(folded + 1);
    assertThat(stored(claw.clawId, "state->>'cancelRequestedAt'")).isNotNull();
    // The fold's copy is the stored one again: same version, same document.
    assertThat(cache.getAll(List.of(claw.clawId)).get(claw.clawId).version())
        .isEqualTo(version(claw.clawId));
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(cache.getAll(List.of(claw.clawId)).get(claw.clawId).json()))
        .isEqualTo(json.readTree(stored(claw.clawId, "state::text")));
  }

  private long version(UUID clawId) throws SQLException {
    return Long.parseLong(stored(clawId, "version::text"));
  }

  private String stored(UUID clawId, String expression) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement("SELECT " + expression + " FROM claw WHERE claw_id = ?")) {
      query.setObject(1, clawId);
      try (ResultSet result = query.executeQuery()) {
        return result.next() ? result.getString(1) : null;
      }
    }
  }
}
