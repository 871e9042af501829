package io.clawops.status.claw;

import io.clawops.contracts.message.RunToolResult;
import io.clawops.contracts.message.RunToolUse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Detects tool loops in one run (DESIGN L1, L2) from its tool calls and results. Pure: it reads and
 * updates the run's {@link LoopState}, it publishes nothing.
 */
public final class LoopDetector {

  /** Capability errors that repeat this often get a corrective message (L1). */
  static final int CAPABILITY_ERRORS_BEFORE_MESSAGE = 2;

  /** Identical calls with identical results in a row that make a repetition (L2). */
  static final int REPEATS_BEFORE_MESSAGE = 3;

  /** Corrective messages for repetition before the run is blocked (L2). */
  static final int REPETITION_MESSAGES_BEFORE_BLOCK = 2;

  public static final String ELEVATED_EXEC = "elevatedExec";
  public static final String BROWSER = "browser";
  public static final String TOOL_POLICY = "toolPolicy";

  private static final Map<String, Pattern> CAPABILITY_ERRORS = new LinkedHashMap<>();

  static {
    CAPABILITY_ERRORS.put(
        ELEVATED_EXEC,
        Pattern.compile(
            "elevated (?:is not|isn't|not) available|elevated exec\\w* (?:is )?denied"));
    CAPABILITY_ERRORS.put(
        BROWSER,
        Pattern.compile("browser (?:is not|isn't|not) available|no browser (?:is )?available"));
    CAPABILITY_ERRORS.put(
        TOOL_POLICY,
        Pattern.compile(
            "(?:denied|blocked|forbidden|not allowed) by (?:the )?(?:tool|sandbox)[ -]?policy"
                + "|tool policy (?:denied|forbids|does not allow)"));
  }

  private LoopDetector() {}

  /** Remembers an open call so its result can be matched to the input. */
  public static void onToolUse(LoopState loop, RunToolUse use) {
    loop.openCalls.put(use.callId(), use.tool() + "|" + Objects.toString(use.inputDigest(), ""));
  }

  /** Judges one tool result. */
  public static LoopSignal onToolResult(
      LoopState loop, RunToolResult result, boolean afterMessage) {
    String call = loop.openCalls.remove(result.callId());
    String capability = result.ok() ? null : capabilityOf(result.errorSummary());
    if (capability != null) {
      return capabilityError(loop, capability);
    }
    String key =
        (call != null ? call : result.tool() + "|?")
            + "|"
            + (result.ok() ? "ok:" + result.outputDigest() : "err:" + result.errorSummary());
    if (key.equals(loop.streakKey)) {
      loop.streak++;
    } else {
      loop.streakKey = key;
      loop.streak = 1;
      if (result.ok() && afterMessage) {
        return new LoopSignal(LoopSignal.Kind.PROGRESS, result.tool());
      }
    }
    if (loop.streak < REPEATS_BEFORE_MESSAGE) {
      return LoopSignal.NONE;
    }
    loop.streak = 0;
    if (loop.repetitionMessages >= REPETITION_MESSAGES_BEFORE_BLOCK) {
      return new LoopSignal(LoopSignal.Kind.REPETITION_BLOCKED, result.tool());
    }
    loop.repetitionMessages++;
    return new LoopSignal(LoopSignal.Kind.REPETITION, result.tool());
  }

  private static LoopSignal capabilityError(LoopState loop, String capability) {
    // A capability error breaks any repetition streak: L1 speaks for it.
    loop.streakKey = null;
    loop.streak = 0;
    int seen = loop.capabilityErrors.merge(capability, 1, Integer::sum);
    if (loop.capabilityMessages.containsKey(capability)) {
      return new LoopSignal(LoopSignal.Kind.CAPABILITY_BLOCKED, capability);
    }
    return seen >= CAPABILITY_ERRORS_BEFORE_MESSAGE
        ? new LoopSignal(LoopSignal.Kind.MISSING_CAPABILITY, capability)
        : LoopSignal.NONE;
  }

  /** The capability an error says is missing, or null. */
  public static String capabilityOf(String errorSummary) {
    if (errorSummary == null) {
      return null;
    }
    String text = errorSummary.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, Pattern> entry : CAPABILITY_ERRORS.entrySet()) {
      if (entry.getValue().matcher(text).find()) {
        return entry.getKey();
      }
    }
    return null;
  }
}
