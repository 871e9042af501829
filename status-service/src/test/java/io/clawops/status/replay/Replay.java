package io.clawops.status.replay;

import java.time.Instant;
import java.util.List;

/** One replay of a fixture in one delivery order, through a fresh {@link ReplayDriver}. */
final class Replay {

  private Replay() {}

  /**
   * Delivers the inputs in {@code order}: for each, the clock advances to its time (firing the
   * timers due by then), the live ids it names are handed over ({@link LiveIds}), and it is folded
   * or acted on; at the end the timers run up to the end of the recording.
   */
  static ReplayDriver.Replayed run(Fixture fixture, Deliveries order) {
    List<ReplayInput> inputs = order.of(fixture);
    Instant start =
        fixture.records().stream().map(ReplayInput::at).min(Instant::compareTo).orElseThrow();
    LiveIds ids = new LiveIds(fixture);
    ReplayDriver driver = new ReplayDriver(fixture.rules(), start, ids::published);
    for (ReplayInput input : inputs) {
      driver.advanceTo(input.at());
      ReplayInput handedOver = ids.translate(input);
      if (handedOver instanceof ReplayInput.Delivered record) {
        driver.fold(record);
      } else if (handedOver instanceof ReplayInput.Action action) {
        driver.act(action);
      }
    }
    driver.advanceTo(fixture.until());
    return driver.result();
  }
}
