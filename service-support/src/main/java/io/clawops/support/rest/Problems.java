package io.clawops.support.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clawops.contracts.sanitize.Sanitizer;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Error responses as {@code application/problem+json} (RFC 9457). Bodies carry only titles, a
 * sanitized detail and sanitized field errors, never the request or an exception message.
 */
public final class Problems {

  /** The media type of every error body. */
  public static final String MEDIA_TYPE = "application/problem+json";

  /** The type of a problem that needs no more than its HTTP status to be understood. */
  public static final String ABOUT_BLANK = "about:blank";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Problems() {}

  /** 401 without any detail, and the scheme the client should use. */
  public static Response unauthorized() {
    return builder(401, body(ABOUT_BLANK, 401, "Unauthorized"))
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .build();
  }

  /** Any status without detail, with its standard reason phrase as the title. */
  public static Response status(int status) {
    Response.StatusType type = Response.Status.fromStatusCode(status);
    String title = type == null ? "Error" : type.getReasonPhrase();
    return response(status, body(ABOUT_BLANK, status, title));
  }

  /** A problem of type {@code about:blank}; a null {@code detail} is left out of the body. */
  public static Response problem(int status, String title, String detail) {
    return problem(ABOUT_BLANK, status, title, detail);
  }

  /**
   * A problem of its own {@code type} (a URI such as {@code urn:clawops:problem:...}); a null
   * {@code detail} is left out of the body.
   */
  public static Response problem(String type, int status, String title, String detail) {
    ObjectNode body = body(type, status, title);
    if (detail != null) {
      // The detail may be built from what the client sent or from stored text: never served raw.
      body.put("detail", Sanitizer.sanitize(detail, Sanitizer.MESSAGE_MAX));
    }
    return response(status, body);
  }

  /** 400 naming every invalid field in an {@code errors} array of {@code {field, message}}. */
  public static Response fieldErrors(String type, String title, List<FieldError> errors) {
    ObjectNode body = body(type, 400, title);
    ArrayNode list = body.putArray("errors");
    errors.forEach(
        error -> list.addObject().put("field", error.field()).put("message", error.message()));
    return response(400, body);
  }

  private static ObjectNode body(String type, int status, String title) {
    return JSON.createObjectNode().put("type", type).put("title", title).put("status", status);
  }

  private static Response response(int status, ObjectNode body) {
    return builder(status, body).build();
  }

  private static Response.ResponseBuilder builder(int status, ObjectNode body) {
    try {
      // Serialized here, so the body is the same whichever JSON provider the service has.
      return Response.status(status).type(MEDIA_TYPE).entity(JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
