package io.clawops.status;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import io.clawops.testkit.ClawOpsTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = ClawOpsTestResource.class,
    initArgs = @ResourceArg(name = ClawOpsTestResource.DATABASE, value = "status"))
class HealthTest {

  @Test
  void shouldReportReadyWhenBrokerAndDatabaseAnswer() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", is("UP"))
        .body("checks.find { it.name == 'Kafka connection health check' }.status", is("UP"))
        .body("checks.find { it.name == 'Database connections health check' }.status", is("UP"));
  }
}
