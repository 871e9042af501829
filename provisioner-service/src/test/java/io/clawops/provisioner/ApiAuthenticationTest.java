package io.clawops.provisioner;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.clawops.provisioner.support.ClawRequests;
import io.clawops.provisioner.support.ProvisionerApi;
import io.clawops.testkit.ClawOpsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@WithTestResource(ClawOpsTestResource.class)
class ApiAuthenticationTest {

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "Bearer wrong-token",
        "Bearer test-token-and-more",
        "Bearer test-toke",
        "Bearer ",
        "Basic dGVzdC10b2tlbg==",
        "test-token"
      })
  void shouldRefuseAClawRequestWithoutTheRightBearerToken(String authorization) {
    var request = given().contentType(ContentType.JSON).body(ClawRequests.valid().json());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    request
        .post("/api/claws")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", "Bearer")
        .contentType("application/problem+json")
        .body("status", is(401))
        .body("title", is("Unauthorized"))
        .body("detail", nullValue())
        .body("errors", nullValue());
  }

  @Test
  void shouldRefuseUnknownApiPathsWithoutTokenBeforeRevealingWhetherTheyExist() {
    given().get("/api/anything").then().statusCode(401);
    given().get("//api/claws").then().statusCode(401);
    given().get("/api/claws").then().statusCode(401);
  }

  @Test
  void shouldServeNothingElseUnderApi() {
    ProvisionerApi.authorized().get("/api/claws").then().statusCode(405);
    ProvisionerApi.authorized()
        .get("/api/anything")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void shouldAcceptTheTokenWithACaseInsensitiveScheme() {
    given()
        .header("Authorization", "bearer " + ProvisionerApi.TOKEN)
        .contentType(ContentType.JSON)
        .body(ClawRequests.valid().json())
        .post("/api/claws")
        .then()
        .statusCode(202)
        .body("clawId", not(emptyOrNullString()));
  }

  @Test
  void shouldKeepHealthAndMetricsOpen() {
    given().get("/q/health").then().statusCode(200);
    given().get("/q/metrics").then().statusCode(200);
  }
}
