package io.clawops.e2e.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clawops.modelprovider.ScriptedModelProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real agent CLIs for the runners: a scripted model provider in this JVM, and a runtimes file
 * that points the built-in {@code claude-code}, {@code codex} and {@code gemini} profiles at the
 * installed binaries and that provider, with fake API keys by {@code credentialRef}.
 */
public final class AgentRuntimes {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The fake provider key every CLI gets; the 401 scenario echoes it back. */
  public static final String FAKE_API_KEY =
      "sk-ant-e2e-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));

  private static ScriptedModelProvider provider;

  private AgentRuntimes() {}

  /** Where the agent-clis module installed the CLIs' launchers. */
  public static Path binaries() {
    return Path.of(System.getProperty("clawops.e2e.agent-clis", "agent-clis-missing"));
  }

  /** True when {@code binary} (claude, codex, gemini) is installed. */
  public static boolean installed(String binary) {
    return Files.isExecutable(binaries().resolve(binary));
  }

  /** The variables a runner needs for the real CLIs; empty when none is installed. */
  static synchronized Map<String, String> runnerEnvironment(Path work) {
    Map<String, String> env = new LinkedHashMap<>();
    if (List.of("claude", "codex", "gemini").stream().noneMatch(AgentRuntimes::installed)) {
      return env;
    }
    try {
      if (provider == null) {
        provider = ScriptedModelProvider.start(0, null);
      }
      Path file = work.resolve("runtimes.json");
      Files.createDirectories(work);
      Files.writeString(file, runtimes().toString());
      env.put("CLAWOPS_RUNTIMES_FILE", file.toString());
      env.put("CLAWOPS_SECRET_E2E_PROVIDER_KEY", FAKE_API_KEY);
      return env;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode runtimes() {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode runtimes = root.putObject("runtimes");
    profile(runtimes, "claude-code", "claude");
    profile(runtimes, "codex", "codex");
    profile(runtimes, "gemini", "gemini");
    return root;
  }

  private static void profile(ObjectNode runtimes, String name, String binary) {
    ObjectNode profile = runtimes.putObject(name);
    profile.putArray("command").add(binaries().resolve(binary).toString());
    profile.put("baseUrl", provider.baseUrl());
    profile.put("credentialRef", "e2e-provider-key");
  }
}
