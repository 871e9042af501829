package io.clawops.contracts.message;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * {@code runner.beat}: one runner's capacity as data, on {@code claw.heartbeats} every {@code
 * beatSeconds} and whenever a slot is taken or freed. It concerns no claw: the envelope's {@code
 * clawId} (and so the record key) is {@link #fleetKey(String)} of the runner id, so one runner's
 * beats stay in order on one partition.
 *
 * @param beat counts per runner process, from 1; a restarted runner starts again at 1
 * @param claiming true while the runner is a member of the claim group (it has a free slot)
 */
public record RunnerBeat(
    String runnerId,
    int slotsTotal,
    int slotsBusy,
    List<HeldRun> runs,
    String version,
    int beatSeconds,
    long beat,
    boolean claiming)
    implements MessageData {

  public static final String TYPE = "runner.beat";

  public RunnerBeat {
    Require.nonBlank(runnerId, "runnerId");
    Require.positive(slotsTotal, "slotsTotal");
    Require.nonNegative(slotsBusy, "slotsBusy");
    if (slotsBusy > slotsTotal) {
      throw new MessageFormatException("slotsBusy", "must not exceed slotsTotal");
    }
    runs = runs == null ? List.of() : List.copyOf(runs);
    Require.positive(beatSeconds, "beatSeconds");
    Require.positive(beat, "beat");
  }

  /** The name-based UUID that stands for a runner in the envelope's {@code clawId} and key. */
  public static UUID fleetKey(String runnerId) {
    return UUID.nameUUIDFromBytes(("clawops-runner:" + runnerId).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String type() {
    return TYPE;
  }

  /** One run the runner holds a slot for. */
  public record HeldRun(UUID clawId, UUID runId, int attempt) {

    public HeldRun {
      Require.present(clawId, "clawId");
      Require.present(runId, "runId");
      Require.positive(attempt, "attempt");
    }
  }
}
