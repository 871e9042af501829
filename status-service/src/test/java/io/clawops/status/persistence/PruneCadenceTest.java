package io.clawops.status.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** When a claw's timeline is pruned: once per cycle of lines, at a point of the claw's own. */
class PruneCadenceTest {

  @Test
  void shouldPruneEachClawOncePerCycleOfLinesWhateverItsSteps() {
    UUID claw = UUID.fromString("00000000-0000-4000-8000-000000000007");
    int oneByOne = 0;
    for (int lines = 0; lines < 10 * ClawUnitOfWork.PRUNE_EVERY; lines++) {
      if (ClawUnitOfWork.prunes(claw, lines, lines + 1)) {
        oneByOne++;
      }
    }
    assertThat(oneByOne).isEqualTo(10);
    // A step that adds a whole cycle of lines at once always prunes.
    for (int lines = 0; lines < ClawUnitOfWork.PRUNE_EVERY; lines++) {
      assertThat(ClawUnitOfWork.prunes(claw, lines, lines + ClawUnitOfWork.PRUNE_EVERY)).isTrue();
    }
    assertThat(ClawUnitOfWork.prunes(claw, 12, 12)).isFalse();
  }

  @Test
  void shouldSpreadThePrunesOfClawsThatAdvanceTogetherOverDifferentRounds() {
    Random random = new Random(11);
    List<UUID> claws = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      claws.add(new UUID(random.nextLong(), random.nextLong()));
    }
    int most = 0;
    int total = 0;
    // Every claw gains one line per round, in lockstep, as claws started together do.
    for (int lines = 0; lines < 4 * ClawUnitOfWork.PRUNE_EVERY; lines++) {
      int round = 0;
      for (UUID claw : claws) {
        if (ClawUnitOfWork.prunes(claw, lines, lines + 1)) {
          round++;
        }
      }
      most = Math.max(most, round);
      total += round;
    }
    assertThat(total).isEqualTo(4 * claws.size());
    // One cycle's prunes spread over its rounds: about 1,000 / 50 = 20 a round, never all at once.
    assertThat(most).isLessThan(claws.size() / 10);
  }
}
