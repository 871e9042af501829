package io.clawops.e2e.system;

import static org.awaitility.Awaitility.await;

import io.clawops.contracts.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;

/**
 * The consumer group status-service folds with, as the broker sees it: after a crash, a restarted
 * instance only folds once the broker dropped the dead member, which readiness does not show.
 */
final class FoldGroup {

  /** {@code mp.messaging.incoming.fold.group.id} of status-service. */
  static final String GROUP_ID = "clawops-status";

  /** claw.bootstrap, claw.tasks, claw.events and claw.heartbeats. */
  private static final int INPUT_PARTITIONS = 4 * Topics.DEFAULT_PARTITIONS;

  private FoldGroup() {}

  /** Waits until one member alone holds every input partition. */
  static void awaitSoleMember(String bootstrapServers) {
    try (Admin admin =
        Admin.create(
            Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> holdsEverything(admin));
    }
  }

  private static boolean holdsEverything(Admin admin) throws Exception {
    ConsumerGroupDescription group =
        admin.describeConsumerGroups(List.of(GROUP_ID)).describedGroups().get(GROUP_ID).get();
    List<MemberDescription> members = List.copyOf(group.members());
    return members.size() == 1
        && members.get(0).assignment().topicPartitions().size() == INPUT_PARTITIONS;
  }
}
