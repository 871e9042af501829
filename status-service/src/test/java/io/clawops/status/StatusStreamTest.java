package io.clawops.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clawops.testkit.ClawKafka;
import io.clawops.testkit.ClawOpsTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** GET /api/stream: one Server-Sent Event per status change. */
@QuarkusTest
@WithTestResource(
    value = ClawOpsTestResource.class,
    initArgs = @ResourceArg(name = ClawOpsTestResource.DATABASE, value = "status"))
class StatusStreamTest {

  @TestHTTPResource("/api/stream")
  URL stream;

  @Test
  void shouldStreamAStatusChangedEventForEveryChange() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(stream.toString()))
            .header("Authorization", "Bearer " + StatusApi.TOKEN)
            .header("Accept", "text/event-stream")
            .build();
    HttpResponse<java.io.InputStream> response =
        client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  lines.add(line);
                }
              } catch (java.io.IOException e) {
                // The stream closes when the test ends.
              }
            });
    reader.setDaemon(true);
    reader.start();

    try (ClawKafka kafka = ClawKafka.connect()) {
      // The stream's consumer joins claw.status from its end: publish until it sees a change.
      ClawStreams claw = new ClawStreams(kafka);
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                claw.requested();
                return lines.stream()
                    .anyMatch(
                        line -> line.startsWith("data:") && line.contains(claw.clawId.toString()));
              });
    }

    assertThat(lines).anyMatch(line -> line.contains("\"type\":\"status.changed\""));
    response.body().close();
  }
}
