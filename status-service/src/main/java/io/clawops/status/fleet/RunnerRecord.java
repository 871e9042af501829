package io.clawops.status.fleet;

import io.clawops.contracts.message.RunnerBeat;
import java.time.Instant;
import java.util.List;

/** The latest capacity beat of one runner, as folded. */
public record RunnerRecord(
    String runnerId,
    int slotsTotal,
    int slotsBusy,
    List<RunnerBeat.HeldRun> runs,
    String version,
    int beatSeconds,
    long beat,
    boolean claiming,
    Instant lastBeatAt) {

  public static RunnerRecord of(RunnerBeat beat, Instant at) {
    return new RunnerRecord(
        beat.runnerId(),
        beat.slotsTotal(),
        beat.slotsBusy(),
        beat.runs(),
        beat.version(),
        beat.beatSeconds(),
        beat.beat(),
        beat.claiming(),
        at);
  }
}
