package io.clawops.e2e.fault;

import io.clawops.e2e.system.ClawOpsApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/** Listens to status-service's Server-Sent Events stream and keeps every line it sends. */
final class StatusStreamTap implements AutoCloseable {

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();

  private StatusStreamTap() {}

  /** Connects to {@code GET /api/stream} with the API token. */
  static StatusStreamTap open(ClawOpsApi api) {
    StatusStreamTap tap = new StatusStreamTap();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(api.statusUrl() + "/api/stream"))
            .header("Authorization", "Bearer " + api.token())
            .header("Accept", "text/event-stream")
            .GET()
            .build();
    HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(2))
        .build()
        .sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(tap.new Lines()));
    return tap;
  }

  /** Every line received so far. */
  List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void close() {
    Flow.Subscription current = subscription.get();
    if (current != null) {
      current.cancel();
    }
  }

  private final class Lines implements Flow.Subscriber<String> {
    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription.set(s);
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      lines.add(line);
    }

    @Override
    public void onError(Throwable error) {
      lines.add("stream error: " + error);
    }

    @Override
    public void onComplete() {
      // The stream ends when the tap closes it.
    }
  }
}
