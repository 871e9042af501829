package io.clawops.status.claw;

import io.clawops.contracts.message.RunClaimed;
import io.clawops.contracts.message.RunError;
import io.clawops.contracts.message.RunEvent;
import io.clawops.contracts.message.RunFinished;
import io.clawops.contracts.message.RunHubMessageDelivered;
import io.clawops.contracts.message.RunHubMessageUndelivered;
import io.clawops.contracts.message.RunModel;
import io.clawops.contracts.message.RunStarted;
import io.clawops.contracts.message.RunToolResult;
import io.clawops.contracts.message.RunToolUse;
import io.clawops.contracts.sanitize.Sanitizer;

/** One sanitized line per run event for the timeline. */
final class Summaries {

  private Summaries() {}

  static String of(RunEvent event) {
    String text;
    if (event instanceof RunClaimed claimed) {
      text = "claimed by " + claimed.runnerId();
    } else if (event instanceof RunStarted started) {
      text =
          "started"
              + (started.modelProfile() != null ? " on " + started.modelProfile().model() : "");
    } else if (event instanceof RunToolUse use) {
      text = use.tool() + (use.inputSummary() != null ? ": " + use.inputSummary() : "");
    } else if (event instanceof RunToolResult result) {
      text = result.tool() + (result.ok() ? " ok" : " failed: " + result.errorSummary());
    } else if (event instanceof RunModel model) {
      text =
          "model "
              + model.phase().name().toLowerCase()
              + (model.model() != null ? " " + model.model() : "")
              + (model.reason() != null ? " (" + model.reason() + ")" : "");
    } else if (event instanceof RunError error) {
      text = error.code() + (error.message() != null ? ": " + error.message() : "");
    } else if (event instanceof RunHubMessageDelivered delivered) {
      text = "hub message " + delivered.commandId() + " delivered";
    } else if (event instanceof RunHubMessageUndelivered undelivered) {
      text =
          "hub message "
              + undelivered.commandId()
              + " not delivered"
              + (undelivered.reason() != null ? ": " + undelivered.reason() : "");
    } else if (event instanceof RunFinished finished) {
      text =
          finished.outcome().name().toLowerCase()
              + (finished.code() != null ? " (" + finished.code() + ")" : "")
              + (finished.message() != null ? ": " + finished.message() : "");
    } else {
      text = event.type();
    }
    return Sanitizer.sanitize(text, Sanitizer.MESSAGE_MAX);
  }
}
