package io.clawops.status.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clawops.support.rest.ApiAuthentication;
import io.clawops.support.rest.Problems;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The operator page's sign-in: the API token, posted once in a body, becomes an HttpOnly,
 * SameSite=Strict session cookie, so the token never travels in a URL and the page's scripts never
 * hold it. {@code DELETE} signs out; {@code GET} answers 200 only to a signed-in caller.
 */
@Path(ApiAuthentication.SESSION_PATH)
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject ApiAuthentication authentication;
  @Context UriInfo uri;

  /** 204 with the cookie for {@code {"token": "<the API token>"}}; 401 for any other token. */
  @POST
  @Consumes(MediaType.WILDCARD)
  public Response signIn(String body) {
    Optional<String> token = token(body);
    if (token.isEmpty()) {
      return Problems.problem(400, "Invalid sign-in", "body: must be {\"token\": \"<API token>\"}");
    }
    Optional<NewCookie> session = authentication.signIn(token.get(), Instant.now(), secure());
    if (session.isEmpty()) {
      return Problems.problem(
          401, "Wrong token", "this is not the API token of this ClawOps installation");
    }
    return Response.noContent().cookie(session.get()).build();
  }

  /** 204, and the browser drops the cookie. */
  @DELETE
  public Response signOut() {
    return Response.noContent().cookie(authentication.signOut(secure())).build();
  }

  /** Reached only through the API filter, so 200 means signed in (by cookie or bearer token). */
  @GET
  public Response current() {
    return Response.ok(Map.of("signedIn", true)).build();
  }

  private boolean secure() {
    return "https".equalsIgnoreCase(uri.getRequestUri().getScheme());
  }

  private static Optional<String> token(String body) {
    if (body == null || body.isBlank()) {
      return Optional.empty();
    }
    try {
      JsonNode token = JSON.readTree(body).get("token");
      return token != null && token.isTextual() && !token.asText().isBlank()
          ? Optional.of(token.asText())
          : Optional.empty();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
