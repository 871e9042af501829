package io.clawops.provisioner.request;

import io.clawops.support.rest.FieldError;
import java.util.List;

/** A claw request that breaks the contract, with every field error found in it. */
public class InvalidClawRequestException extends RuntimeException {

  private final transient List<FieldError> errors;

  public InvalidClawRequestException(List<FieldError> errors) {
    super(errors.size() + " invalid field(s)");
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
