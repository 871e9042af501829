package io.clawops.provisioner.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clawops.provisioner.request.FieldError;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Error responses as {@code application/problem+json} (RFC 9457). Bodies carry only fixed titles
 * and sanitized field errors, never the request or an exception message.
 */
public final class Problems {

  /** The media type of every error body. */
  public static final String MEDIA_TYPE = "application/problem+json";

  static final String INVALID_REQUEST_TYPE = "urn:clawops:problem:invalid-claw-request";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Problems() {}

  /** 400 naming every invalid field. */
  public static Response invalidRequest(List<FieldError> errors) {
    ObjectNode body = problem(INVALID_REQUEST_TYPE, "Invalid claw request", 400);
    ArrayNode list = body.putArray("errors");
    errors.forEach(
        error -> list.addObject().put("field", error.field()).put("message", error.message()));
    return response(400, body);
  }

  /** 401 without any detail, and the scheme the client should use. */
  public static Response unauthorized() {
    return Response.fromResponse(response(401, problem("about:blank", "Unauthorized", 401)))
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .build();
  }

  /** 409 for an Idempotency-Key that came with another request before. */
  public static Response keyReused() {
    ObjectNode body =
        problem("urn:clawops:problem:idempotency-key-reused", "Idempotency-Key reused", 409);
    body.put("detail", "This Idempotency-Key was used with a different request body.");
    return response(409, body);
  }

  /** Any other status, with its standard reason as the title. */
  public static Response status(int status) {
    Response.StatusType type = Response.Status.fromStatusCode(status);
    String title = type == null ? "Error" : type.getReasonPhrase();
    return response(status, problem("about:blank", title, status));
  }

  private static ObjectNode problem(String type, String title, int status) {
    return JSON.createObjectNode().put("type", type).put("title", title).put("status", status);
  }

  private static Response response(int status, ObjectNode body) {
    try {
      return Response.status(status).type(MEDIA_TYPE).entity(JSON.writeValueAsString(body)).build();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
