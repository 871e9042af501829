package io.clawops.runner.adapter;

import io.clawops.contracts.message.Capabilities;
import java.util.ArrayList;
import java.util.List;

/**
 * What the agent is told up front about the capabilities its runtime lacks, each with what to do
 * instead (so it need not find out by failing).
 */
public final class CapabilityNotice {

  private CapabilityNotice() {}

  /** The notice, or an empty string when nothing is withheld. */
  public static String of(Capabilities capabilities) {
    List<String> missing = new ArrayList<>();
    if (!capabilities.elevatedExec()) {
      missing.add(
          "Elevated execution (sudo, su) is not available: install into the workspace or a user"
              + " prefix (for example make install PREFIX=$PWD/.local) instead.");
    }
    if (!capabilities.browser()) {
      missing.add("No browser is available: work from the files in the workspace.");
    }
    if (!capabilities.fileTools()) {
      missing.add("File editing tools are not available: report what should change instead.");
    }
    if (!capabilities.processTools()) {
      missing.add("Running commands is not available: work with the file tools only.");
    }
    return missing.isEmpty()
        ? ""
        : "ClawOps runtime notice: in this run " + String.join(" ", missing);
  }
}
