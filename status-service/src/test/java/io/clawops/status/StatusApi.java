package io.clawops.status;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;

/** The status REST API as a test client sees it, with the test profile's token. */
final class StatusApi {

  static final String TOKEN = "test-token";

  private StatusApi() {}

  static RequestSpecification authorized() {
    return given().header("Authorization", "Bearer " + TOKEN);
  }

  static JsonPath claw(UUID clawId) {
    return authorized().get("/api/claws/" + clawId).then().statusCode(200).extract().jsonPath();
  }

  /** Waits until the claw's record satisfies {@code match}, and returns it. */
  static JsonPath awaitClaw(UUID clawId, Predicate<JsonPath> match) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> claw(clawId), match);
  }

  /**
   * A metric without labels, or its first series, from {@code /q/metrics}; {@code absent} while it
   * is not there.
   */
  static double metric(String name, double absent) {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    return metrics
        .lines()
        .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElse(absent);
  }

  static Predicate<JsonPath> status(String status) {
    return json -> status.equals(json.getString("status"));
  }
}
