package io.clawops.runner.run;

import io.clawops.contracts.message.RunEvent;
import io.clawops.runner.agent.AgentAdapter;
import io.clawops.runner.agent.Translation;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/**
 * One run's events in {@code seq} order: numbers are given and events sent under one lock, so the
 * order on the partition is the order of {@code seq}, and nothing follows {@code run.finished}.
 */
final class RunEventStream {

  private final UUID clawId;
  private final RunEventSink sink;
  private long last;
  private boolean closed;
  private volatile long lastSent;

  RunEventStream(UUID clawId, RunEventSink sink) {
    this.clawId = clawId;
    this.sink = sink;
  }

  /** Sends the event built for the next seq; ignored (completed) once the stream is closed. */
  synchronized CompletableFuture<Void> emit(LongFunction<RunEvent> event) {
    if (closed) {
      return CompletableFuture.completedFuture(null);
    }
    return send(event.apply(last + 1));
  }

  /** Sends the last event of the run and closes the stream. */
  synchronized CompletableFuture<Void> emitLast(LongFunction<RunEvent> event) {
    CompletableFuture<Void> sent = emit(event);
    closed = true;
    return sent;
  }

  /** Translates one stdout line and sends the events it holds, in order. */
  synchronized List<Translation> translate(AgentAdapter adapter, String line) {
    List<Translation> translations = adapter.translateLine(line, last + 1);
    for (Translation translation : translations) {
      if (!closed && translation instanceof Translation.Event event) {
        send(event.event());
      }
    }
    return translations;
  }

  /** The seq of the last event sent, read without the lock (the heartbeat thread never waits). */
  long lastSeq() {
    return lastSent;
  }

  private CompletableFuture<Void> send(RunEvent event) {
    last = event.seq();
    lastSent = last;
    return sink.publish(clawId, event);
  }
}
