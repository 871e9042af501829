package io.clawops.runner.messaging;

import io.clawops.contracts.DeadLetterHeaders;
import io.clawops.contracts.Topics;
import io.clawops.contracts.sanitize.Sanitizer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Sends a record that could not be parsed to {@code claw.dlq}, unchanged, reason in headers. */
public final class DeadLetterPublisher {

  private static final int REASON_MAX = 500;
  private static final long ACK_TIMEOUT_SECONDS = 15;

  private final Producer<String, String> producer;

  public DeadLetterPublisher(EventPublisher events) {
    this.producer = events.producer();
  }

  /** Publishes and waits for the broker, so the record is committed only once it is kept. */
  public void publish(ConsumerRecord<String, String> record, String reason)
      throws ExecutionException, TimeoutException, InterruptedException {
    RecordHeaders headers = new RecordHeaders();
    // The reason may quote the offending input: it is sanitized like any other free text.
    headers.add(DeadLetterHeaders.REASON, bytes(Sanitizer.sanitize(reason, REASON_MAX)));
    headers.add(DeadLetterHeaders.TOPIC, bytes(record.topic()));
    headers.add(DeadLetterHeaders.PARTITION, bytes(Integer.toString(record.partition())));
    headers.add(DeadLetterHeaders.OFFSET, bytes(Long.toString(record.offset())));
    String value = DeadLetterHeaders.boundedValue(record.value());
    if (DeadLetterHeaders.isCut(record.value(), value)) {
      headers.add(
          DeadLetterHeaders.VALUE_TRUNCATED, bytes(Integer.toString(record.value().length())));
    }
    producer
        .send(new ProducerRecord<>(Topics.DLQ, null, record.key(), value, headers))
        .get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
