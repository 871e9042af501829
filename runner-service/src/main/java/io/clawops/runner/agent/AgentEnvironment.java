package io.clawops.runner.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.clawops.contracts.codec.EnvelopeCodec;
import io.clawops.contracts.message.TaskDispatched;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The environment an agent process starts with: the runner's own, minus the runner's configuration
 * (which may hold broker credentials), plus the profile's variables, plus the {@code CLAW_*}
 * variables of DESIGN §5, which nothing can override.
 */
public final class AgentEnvironment {

  /** Prefixes of the runner's own configuration, never passed to an agent. */
  static final List<String> WITHHELD_PREFIXES = List.of("CLAWOPS_", "KAFKA_", "QUARKUS_");

  private AgentEnvironment() {}

  public static Map<String, String> of(
      Map<String, String> inherited,
      RuntimeProfile profile,
      UUID clawId,
      UUID runId,
      TaskDispatched task,
      Path promptFile) {
    return of(inherited, Map.of(), profile, clawId, runId, task, promptFile);
  }

  /**
   * As above, with the variables an agent CLI's launch adds ({@code formatEnv}: provider URL and
   * key) between the inherited ones and the profile's, so an operator's profile can override them.
   */
  public static Map<String, String> of(
      Map<String, String> inherited,
      Map<String, String> formatEnv,
      RuntimeProfile profile,
      UUID clawId,
      UUID runId,
      TaskDispatched task,
      Path promptFile) {
    Map<String, String> env = new HashMap<>();
    inherited.forEach(
        (name, value) -> {
          if (WITHHELD_PREFIXES.stream().noneMatch(name::startsWith)) {
            env.put(name, value);
          }
        });
    env.putAll(formatEnv);
    env.putAll(profile.env());
    env.put("CLAW_ID", clawId.toString());
    env.put("CLAW_RUN_ID", runId.toString());
    env.put("CLAW_ATTEMPT", Integer.toString(task.attempt()));
    env.put("CLAW_MODEL", task.modelProfile().model());
    env.put("CLAW_MODEL_PROFILE", task.modelProfile().name());
    env.put("CLAW_PROMPT_FILE", promptFile.toString());
    env.put("CLAW_CAPABILITIES", json(task));
    return env;
  }

  private static String json(TaskDispatched task) {
    try {
      return EnvelopeCodec.mapper().writeValueAsString(task.capabilities());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
