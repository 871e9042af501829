package io.clawops.status.persistence;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clawops.contracts.codec.EnvelopeCodec;
import io.clawops.status.claw.ClawState;

/** Turns a claw's state document into JSON for PostgreSQL and back. */
public final class ClawStateMapper {

  private static final ObjectMapper MAPPER =
      EnvelopeCodec.mapper()
          // The state classes are public-field holders whose isX() helpers are derived, not data.
          .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
          // Documents written by a newer version may carry fields this one does not know.
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private ClawStateMapper() {}

  public static String write(ClawState state) {
    try {
      return MAPPER.writeValueAsString(state);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not serialize claw " + state.clawId, e);
    }
  }

  public static ClawState read(String json) {
    try {
      return MAPPER.readValue(json, ClawState.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not read a stored claw document", e);
    }
  }
}
