package io.clawops.runner.agent;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The stdout format a runtime profile's agent speaks (DESIGN §5, §5b). */
public enum AgentFormat {
  /** ClawOps' own JSON Lines protocol (DESIGN §5). */
  CLAWOPS("clawops"),
  /** Claude Code's {@code --output-format stream-json}. */
  CLAUDE_STREAM_JSON("claude-stream-json"),
  /** Codex's {@code codex exec --json}. */
  CODEX_EXEC_JSON("codex-exec-json"),
  /** Gemini CLI's {@code --output-format stream-json}. */
  GEMINI_STREAM_JSON("gemini-stream-json");

  private final String wire;

  AgentFormat(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<AgentFormat> fromWire(String name) {
    String wanted = name == null ? "" : name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(format -> format.wire.equals(wanted)).findFirst();
  }
}
