package io.clawops.provisioner.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/** Calls the provisioner's REST API the way a client does, with the test profile's token. */
public final class ProvisionerApi {

  /** {@code %test.clawops.api-token}. */
  public static final String TOKEN = "test-token";

  private ProvisionerApi() {}

  /** A request carrying the bearer token and a JSON content type. */
  public static RequestSpecification authorized() {
    return given().header("Authorization", "Bearer " + TOKEN).contentType(ContentType.JSON);
  }

  /** Posts a claw request and returns the response for assertions. */
  public static ValidatableResponse post(String body) {
    return authorized().body(body).when().post("/api/claws").then();
  }

  /** Creates a claw, expecting 202, and returns its id. */
  public static UUID create(String body) {
    return UUID.fromString(post(body).statusCode(202).extract().path("clawId"));
  }
}
