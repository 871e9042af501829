package io.clawops.e2e.system;

import static org.awaitility.Awaitility.await;

import io.clawops.contracts.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer group status-service folds with, as the broker sees it: after a crash, a restarted
 * instance only folds once the broker dropped the dead member, which readiness does not show.
 */
public final class FoldGroup {

  /** {@code mp.messaging.incoming.fold.group.id} of status-service. */
  static final String GROUP_ID = "clawops-status";

  private static final List<String> INPUT_TOPICS =
      List.of(Topics.BOOTSTRAP, Topics.TASKS, Topics.EVENTS, Topics.HEARTBEATS);

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

  /**
   * Whether the fold committed every input record there is: the only sign that it applied the
   * heartbeats too, which count by their beat counter and are not in the ledger (DESIGN F1).
   */
  public static boolean caughtUp(String bootstrapServers) {
    try (Admin admin =
        Admin.create(
            Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(GROUP_ID).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (String topic : INPUT_TOPICS) {
        for (int partition = 0; partition < Topics.DEFAULT_PARTITIONS; partition++) {
          latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
        }
      }
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          admin.listOffsets(latest).all().get();
      return ends.entrySet().stream()
          .allMatch(
              end -> {
                OffsetAndMetadata done = committed.get(end.getKey());
                long at = done == null ? 0 : done.offset();
                return at >= end.getValue().offset();
              });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      return false;
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
