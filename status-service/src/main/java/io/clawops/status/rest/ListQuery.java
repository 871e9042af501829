package io.clawops.status.rest;

import io.clawops.contracts.message.ClawStatus;
import io.clawops.status.persistence.ClawQueries;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

/** The validated parameters of {@code GET /api/claws}, or the first error found. */
record ListQuery(
    String status,
    String workflowRunId,
    int limit,
    ClawQueries.Cursor cursor,
    String error,
    String runnerId,
    Integer stuckMinutes) {

  /** The longest "stuck for" filter: a week. */
  static final int MAX_STUCK_MINUTES = 7 * 24 * 60;

  static ListQuery parse(String status, String workflowRunId, String limit, String cursor) {
    return parse(status, workflowRunId, limit, cursor, null, null);
  }

  static ListQuery parse(
      String status,
      String workflowRunId,
      String limit,
      String cursor,
      String runnerId,
      String stuckMinutes) {
    if (status != null
        && Arrays.stream(ClawStatus.values()).noneMatch(s -> s.wire().equals(status))) {
      return invalid(
          "status: must be one of "
              + Arrays.stream(ClawStatus.values()).map(ClawStatus::wire).toList());
    }
    int size = ClawResource.DEFAULT_LIMIT;
    if (limit != null) {
      Integer parsed = upTo(limit, ClawResource.MAX_LIMIT);
      if (parsed == null) {
        return invalid(notUpTo("limit", ClawResource.MAX_LIMIT));
      }
      size = parsed;
    }
    ClawQueries.Cursor after = null;
    if (cursor != null) {
      after = decode(cursor);
      if (after == null) {
        return invalid("cursor: not a cursor this API returned");
      }
    }
    Integer stuck = null;
    if (stuckMinutes != null) {
      stuck = upTo(stuckMinutes, MAX_STUCK_MINUTES);
      if (stuck == null) {
        return invalid(notUpTo("stuckMinutes", MAX_STUCK_MINUTES));
      }
    }
    return new ListQuery(status, workflowRunId, size, after, null, blankToNull(runnerId), stuck);
  }

  /** The filters as the queries take them, evaluated at {@code now}. */
  ClawQueries.Filter filter(Instant now) {
    return new ClawQueries.Filter(
        status,
        workflowRunId,
        runnerId,
        stuckMinutes == null ? null : now.minusSeconds(stuckMinutes * 60L));
  }

  /** {@code text} as a number from 1 to {@code max}; null when it is not one. */
  static Integer upTo(String text, int max) {
    try {
      int number = Integer.parseInt(text);
      return number >= 1 && number <= max ? number : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The field error for a parameter {@link #upTo} refused. */
  static String notUpTo(String field, int max) {
    return field + ": must be a number from 1 to " + max;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  static String encode(ClawQueries.Cursor cursor) {
    if (cursor == null) {
      return null;
    }
    String raw = cursor.createdAt().toString() + "|" + cursor.clawId();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static ClawQueries.Cursor decode(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = raw.split("\\|", 2);
      return new ClawQueries.Cursor(
          Instant.parse(parts[0]), UUID.fromString(parts[1].toLowerCase(Locale.ROOT)));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static ListQuery invalid(String error) {
    return new ListQuery(null, null, 0, null, error, null, null);
  }
}
