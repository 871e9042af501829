package io.clawops.testkit;

import io.clawops.contracts.Topics;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** A real single-node KRaft Kafka broker running inside the test JVM, with the ClawOps topics. */
public final class KafkaTestBroker implements AutoCloseable {

  private final EmbeddedKafkaBroker broker;

  private KafkaTestBroker(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  /** Starts a broker on free ports and creates every topic of the contract. */
  public static KafkaTestBroker start(int partitions) {
    EmbeddedKafkaBroker broker =
        new EmbeddedKafkaBroker()
            .withDeleteLogDirsOnClose(true)
            .withAdditionalProperties(
                props -> {
                  // Consumer groups in tests must form at once, not after the 3 s default delay.
                  props.put("group.initial.rebalance.delay.ms", "0");
                  props.put("offsets.topic.num.partitions", "4");
                  // A typo in a topic name must fail loudly instead of creating a stray topic.
                  props.put("auto.create.topics.enable", "false");
                  // One node: producer transactions need their state log on it alone.
                  props.put("transaction.state.log.replication.factor", "1");
                  props.put("transaction.state.log.min.isr", "1");
                });
    broker.start();
    KafkaTestBroker started = new KafkaTestBroker(broker);
    started.createTopics(Topics.ALL, partitions);
    return started;
  }

  /** The bootstrap servers string clients connect to. */
  public String bootstrapServers() {
    return broker.getAdvertisedListeners();
  }

  /** Creates the topics that do not exist yet; existing ones are left as they are. */
  public void createTopics(List<String> topics, int partitions) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing =
          topics.stream()
              .filter(topic -> !existing.contains(topic))
              .map(topic -> new NewTopic(topic, partitions, (short) 1))
              .collect(Collectors.toList());
      // Per topic: on a loaded machine the client may resend a create that timed out but did
      // land, which answers TopicExistsException; the topic then exists, as asked.
      for (var created : admin.createTopics(missing).values().values()) {
        try {
          created.get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not create topics " + topics, e.getCause());
    }
  }

  @Override
  public void close() {
    broker.close();
  }
}
