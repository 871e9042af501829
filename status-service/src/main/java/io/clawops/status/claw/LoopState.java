package io.clawops.status.claw;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.UUID;

/** What the loop detector remembers about one run's tool calls (DESIGN L1–L3). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class LoopState {

  /** Tool and input digest of each call awaiting its result, by call id. */
  public LinkedHashMap<String, String> openCalls = new LinkedHashMap<>();

  /** Capability errors seen, by capability. */
  public LinkedHashMap<String, Integer> capabilityErrors = new LinkedHashMap<>();

  /** The corrective message sent for a capability, by capability. */
  public LinkedHashMap<String, UUID> capabilityMessages = new LinkedHashMap<>();

  /** The current streak of identical calls with identical results (L2). */
  public String streakKey;

  public int streak;

  /** Corrective messages sent for repetition in this run, and the latest one. */
  public int repetitionMessages;

  public UUID repetitionMessage;

  /** The tool the latest repetition message was about. */
  public String repetitionTool;
}
