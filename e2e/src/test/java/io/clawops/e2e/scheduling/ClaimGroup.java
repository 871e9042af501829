package io.clawops.e2e.scheduling;

import io.clawops.contracts.Topics;
import io.clawops.contracts.message.Capabilities;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.ModelProfile;
import io.clawops.contracts.message.TaskDispatched;
import io.clawops.contracts.message.Timeouts;
import io.clawops.e2e.system.ClawOpsSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * The runners' claim group as the broker sees it (who holds which partition of {@code claw.tasks}),
 * and tasks published straight onto that topic for claw ids of chosen partitions.
 */
final class ClaimGroup {

  static final String GROUP = "clawops-runners";

  private final ClawOpsSystem system;

  ClaimGroup(ClawOpsSystem system) {
    this.system = system;
  }

  /** Partitions of claw.tasks per runner id, as assigned now. */
  Map<String, Set<Integer>> assignment() {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers()))) {
      ConsumerGroupDescription group =
          admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
      Map<String, Set<Integer>> byRunner = new HashMap<>();
      for (MemberDescription member : group.members()) {
        String runner = member.clientId().replaceFirst("-tasks$", "");
        byRunner.put(
            runner,
            member.assignment().topicPartitions().stream()
                .filter(partition -> partition.topic().equals(Topics.TASKS))
                .map(TopicPartition::partition)
                .collect(Collectors.toSet()));
      }
      return byRunner;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not describe " + GROUP, e);
    }
  }

  /** A claw id whose records land on one of {@code partitions}. */
  static UUID clawOn(Set<Integer> partitions) {
    while (true) {
      UUID claw = UUID.randomUUID();
      if (partitions.contains(partitionOf(claw))) {
        return claw;
      }
    }
  }

  static int partitionOf(UUID claw) {
    byte[] key = claw.toString().getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(key)) % Topics.DEFAULT_PARTITIONS;
  }

  /** Publishes attempt 1 of a sim task for {@code clawId}, with its workspace in place. */
  void dispatch(UUID clawId, String prompt) {
    Path workspace = system.workspaces().resolve(clawId.toString());
    try {
      Files.createDirectories(workspace);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TaskDispatched task =
        new TaskDispatched(
            UUID.randomUUID(),
            1,
            "sim",
            prompt,
            workspace.toString(),
            new ModelProfile("primary", "sim-model", 60),
            List.of(),
            new Capabilities(false, false, true, true),
            new Timeouts(180, 180, 180, 1),
            3);
    system.kafka().publish(Topics.TASKS, Envelope.of(clawId, "e2e", task));
  }
}
