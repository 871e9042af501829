package io.clawops.runner.messaging;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Client properties for the runner's consumers and producers: the shared {@code kafka.*}
 * configuration (bootstrap servers, security) plus each client's own settings.
 */
final class KafkaClients {

  private KafkaClients() {}

  static Map<String, Object> producer(
      Map<String, Object> shared, String clientId, Map<String, Object> own) {
    Map<String, Object> config = base(shared, clientId);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    // Deliberately uncompressed (DESIGN §9): small records, sent a few at a time.
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
    config.putAll(own);
    return config;
  }

  static Map<String, Object> consumer(
      Map<String, Object> shared, String groupId, String clientId, Map<String, Object> own) {
    Map<String, Object> config = base(shared, clientId);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    // Raw text, decoded by the contracts codec: a malformed record never fails deserialization.
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.putAll(own);
    return config;
  }

  private static Map<String, Object> base(Map<String, Object> shared, String clientId) {
    Map<String, Object> config = new HashMap<>(shared);
    // Quarkus adds the application name as a group id; each client here sets its own.
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.putIfAbsent(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
    config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
    return config;
  }
}
