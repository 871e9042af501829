package io.clawops.status.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The runner fleet at one instant, judged from the runners' last beats: a runner whose beat is
 * older than {@code lostAfterBeats} of its own beat intervals is lost. Pure.
 */
public record Fleet(List<Member> members) {

  /** One runner and how it is judged now. */
  public record Member(RunnerRecord runner, boolean live, double beatAgeSeconds) {

    public int slotsFree() {
      return live ? Math.max(0, runner.slotsTotal() - runner.slotsBusy()) : 0;
    }
  }

  public static Fleet of(List<RunnerRecord> runners, Instant now, int lostAfterBeats) {
    return new Fleet(
        runners.stream()
            .map(
                runner -> {
                  double age =
                      Math.max(0, Duration.between(runner.lastBeatAt(), now).toMillis()) / 1000.0;
                  return new Member(
                      runner, age <= (double) lostAfterBeats * runner.beatSeconds(), age);
                })
            .toList());
  }

  public long liveRunners() {
    return members.stream().filter(Member::live).count();
  }

  public int liveSlots() {
    return members.stream().filter(Member::live).mapToInt(m -> m.runner().slotsTotal()).sum();
  }

  public int freeSlots() {
    return members.stream().mapToInt(Member::slotsFree).sum();
  }
}
