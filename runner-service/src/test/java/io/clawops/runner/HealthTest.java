package io.clawops.runner;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import io.clawops.testkit.ClawOpsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(ClawOpsTestResource.class)
class HealthTest {

  @Test
  void shouldReportReadyWhenTheBrokerAnswers() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", is("UP"))
        .body("checks.find { it.name == 'Kafka connection health check' }.status", is("UP"));
  }

  @Test
  void shouldServeLivenessWithoutAuthentication() {
    given()
        .when()
        .get("/q/health/live")
        .then()
        .statusCode(200)
        .body("status", is("UP"))
        .body("checks.find { it.name == 'runner' }.data.runnerId", is("runner-test"));
  }

  @Test
  void shouldServePrometheusMetricsWithoutAuthentication() {
    given()
        .when()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(
            org.hamcrest.Matchers.containsString("jvm_memory_used_bytes"),
            org.hamcrest.Matchers.containsString("clawops_runner_slots_busy"));
  }
}
