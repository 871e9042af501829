package io.clawops.contracts.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import java.io.IOException;
import java.util.Collection;

/**
 * Wraps Jackson's deserializer of a record, a map or a list so that a value of another JSON shape
 * fails with the contract's words ({@code must be a JSON object}, {@code must be a JSON array})
 * before any of Jackson's coercions (a single value as an array, an empty string as null) can
 * apply, and so that a null list item is "missing", as a null field is.
 */
final class ShapeChecked extends DelegatingDeserializer {

  private static final long serialVersionUID = 1L;

  private final boolean array;

  private ShapeChecked(JsonDeserializer<?> delegate, boolean array) {
    super(delegate);
    this.array = array;
  }

  static ShapeChecked object(JsonDeserializer<?> delegate) {
    return new ShapeChecked(delegate, false);
  }

  static ShapeChecked array(JsonDeserializer<?> delegate) {
    return new ShapeChecked(delegate, true);
  }

  @Override
  protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
    return new ShapeChecked(newDelegatee, array);
  }

  @Override
  public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonToken token = p.currentToken();
    if (array) {
      if (token != JsonToken.START_ARRAY) {
        throw new FieldProblem(p, "must be a JSON array");
      }
      Object items = _delegatee.deserialize(p, ctxt);
      requireItems(p, (Collection<?>) items);
      return items;
    }
    // FIELD_NAME, END_OBJECT: Jackson may hand over an object whose start it already consumed.
    if (token != JsonToken.START_OBJECT
        && token != JsonToken.FIELD_NAME
        && token != JsonToken.END_OBJECT) {
      throw new FieldProblem(p, "must be a JSON object");
    }
    return _delegatee.deserialize(p, ctxt);
  }

  private static void requireItems(JsonParser p, Collection<?> items) throws FieldProblem {
    int index = 0;
    for (Object item : items) {
      if (item == null) {
        FieldProblem missing = new FieldProblem(p, "missing");
        missing.prependPath(items, index);
        throw missing;
      }
      index++;
    }
  }
}
