package io.clawops.support.messaging;

import io.clawops.contracts.DeadLetterHeaders;
import io.clawops.contracts.Topics;
import io.clawops.contracts.sanitize.Sanitizer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends a record that could not be parsed or applied to {@code claw.dlq}, unchanged up to {@link
 * DeadLetterHeaders#VALUE_MAX} characters, with the reason and its origin in headers. Each service
 * binds the {@value #CHANNEL} channel to the topic.
 */
@ApplicationScoped
public class DeadLetterPublisher {

  /** Outgoing channel bound to {@link Topics#DLQ}. */
  public static final String CHANNEL = "dead-letters";

  private static final int REASON_MAX = 500;

  @Inject
  @Channel(CHANNEL)
  MutinyEmitter<String> emitter;

  /** A record to dead-letter and why. */
  public record DeadLetter(ConsumerRecord<String, String> record, String reason) {}

  /** How many dead letters are in flight at once (well inside the emitter's buffer). */
  private static final int IN_FLIGHT = 64;

  /** Publishes the record unchanged and returns once the broker acknowledged it. */
  public void publish(ConsumerRecord<String, String> record, String reason) {
    send(record, reason).await().indefinitely();
  }

  /**
   * Publishes every dead letter of a batch and returns once all were acknowledged. They are sent
   * concurrently: one broker round trip after the other would let a flood of bad records hold the
   * consumer, and every valid record behind them, for minutes.
   */
  public void publishAll(List<DeadLetter> letters) {
    for (int from = 0; from < letters.size(); from += IN_FLIGHT) {
      List<Uni<Void>> sends = new ArrayList<>();
      for (DeadLetter letter : letters.subList(from, Math.min(letters.size(), from + IN_FLIGHT))) {
        sends.add(send(letter.record(), letter.reason()));
      }
      Uni.join().all(sends).andFailFast().await().indefinitely();
    }
  }

  private Uni<Void> send(ConsumerRecord<String, String> record, String reason) {
    RecordHeaders headers = new RecordHeaders();
    // The reason may quote the offending input: sanitized like any other free text.
    headers.add(DeadLetterHeaders.REASON, bytes(Sanitizer.sanitize(reason, REASON_MAX)));
    headers.add(DeadLetterHeaders.TOPIC, bytes(record.topic()));
    headers.add(DeadLetterHeaders.PARTITION, bytes(Integer.toString(record.partition())));
    headers.add(DeadLetterHeaders.OFFSET, bytes(Long.toString(record.offset())));
    String value = DeadLetterHeaders.boundedValue(record.value());
    if (DeadLetterHeaders.isCut(record.value(), value)) {
      headers.add(
          DeadLetterHeaders.VALUE_TRUNCATED, bytes(Integer.toString(record.value().length())));
    }
    return emitter.sendMessage(
        Message.of(value)
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(record.key())
                    .withHeaders(headers)
                    .build()));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
