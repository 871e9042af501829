package io.clawops.contracts.message;

/**
 * Field checks shared by the message records, so a record that violates the contract cannot be
 * built, whether it comes from a decoder or from a producer's code.
 */
final class Require {

  private Require() {}

  static <T> T present(T value, String field) {
    if (value == null) {
      throw new MessageFormatException(field, "missing");
    }
    return value;
  }

  static String nonBlank(String value, String field) {
    if (present(value, field).isBlank()) {
      throw new MessageFormatException(field, "must not be blank");
    }
    return value;
  }

  static int positive(int value, String field) {
    if (value < 1) {
      throw new MessageFormatException(field, "must be a positive integer");
    }
    return value;
  }

  static long positive(long value, String field) {
    if (value < 1) {
      throw new MessageFormatException(field, "must be a positive integer");
    }
    return value;
  }

  static long nonNegative(long value, String field) {
    if (value < 0) {
      throw new MessageFormatException(field, "must not be negative");
    }
    return value;
  }
}
