import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The scheduling benchmark (README "Scaling"): drives a running local stack only through its public
 * topics and REST API and prints figures; it asserts nothing. Tasks go straight onto claw.tasks (as
 * the provisioner publishes them) for the sim runtime; their run.* events are read from
 * claw.events. Times are the envelopes' occurredAt stamps, all taken on this machine.
 *
 * <p>Usage: java -cp 'deploy/target/kafka/libs/*' deploy/bench/Bench.java LABEL RESULTS_FILE, with
 * BENCH_BOOTSTRAP, BENCH_STATUS_URL, BENCH_TOKEN and BENCH_WORKSPACES in the environment.
 */
public class Bench {

  static final Pattern TYPE = Pattern.compile("\"type\":\"([a-z._]+)\"");
  static final Pattern CLAW = Pattern.compile("\"clawId\":\"([0-9a-f-]{36})\"");
  static final Pattern AT = Pattern.compile("\"occurredAt\":\"([^\"]+)\"");
  static final Pattern RUNNER = Pattern.compile("\"runnerId\":\"([^\"]+)\"");
  static final Pattern OUTCOME = Pattern.compile("\"outcome\":\"([a-z_]+)\"");
  static final Pattern SLOTS_TOTAL = Pattern.compile("\"slotsTotal\":(\\d+)");
  static final Pattern LIVE = Pattern.compile("\"state\":\"live\"");

  /** What one claw's run did, as seen on claw.events. */
  static final class Claw {
    final UUID id;
    volatile Instant published;
    volatile Instant claimed;
    volatile Instant started;
    volatile Instant finished;
    volatile String runner;
    volatile String outcome;

    Claw(UUID id) {
      this.id = id;
    }
  }

  final String bootstrap = env("BENCH_BOOTSTRAP");
  final String statusUrl = env("BENCH_STATUS_URL");
  final String token = env("BENCH_TOKEN");
  final Path workspaces = Path.of(env("BENCH_WORKSPACES"));
  final Map<UUID, Claw> claws = new ConcurrentHashMap<>();
  final HttpClient http = HttpClient.newHttpClient();
  KafkaProducer<String, String> producer;
  volatile boolean reading = true;

  public static void main(String[] args) throws Exception {
    new Bench().run(args[0], Path.of(args[1]));
  }

  void run(String label, Path results) throws Exception {
    producer = new KafkaProducer<>(props(Map.of("acks", "all", "linger.ms", "0")));
    Thread reader = new Thread(this::readEvents, "bench-events");
    reader.setDaemon(true);
    reader.start();
    Thread.sleep(2000);
    String fleet = get("/api/runners");
    int runners = count(LIVE, fleet);
    int slots = 0;
    for (String runner : fleet.split("\\{\"runnerId\"")) {
      if (runner.contains("\"state\":\"live\"")) {
        Matcher m = SLOTS_TOTAL.matcher(runner);
        slots += m.find() ? Integer.parseInt(m.group(1)) : 0;
      }
    }
    System.out.printf(Locale.ROOT, "%n== %s: %d live runners, %d slots%n", label, runners, slots);

    // P3: one task at a time, so a slot is always free: published -> claimed, -> started.
    List<Claw> single = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      Claw claw = dispatch("scenario: healthy step-ms=10");
      awaitAll(List.of(claw), c -> c.finished != null, Duration.ofSeconds(60));
      single.add(claw);
    }
    String p3 =
        String.format(
            Locale.ROOT,
            "P3 %s: published->run.claimed p50 %s p99 %s; published->run.started p50 %s p99 %s (n=%d)",
            label,
            ms(percentile(single, c -> c.claimed, 50)),
            ms(percentile(single, c -> c.claimed, 99)),
            ms(percentile(single, c -> c.started, 50)),
            ms(percentile(single, c -> c.started, 99)),
            single.size());
    System.out.println(p3);

    // Queue wait with free capacity: as many long tasks at once as the fleet has slots.
    List<Claw> fill = new ArrayList<>();
    for (int i = 0; i < slots; i++) {
      fill.add(dispatch("scenario: hang"));
    }
    awaitAll(fill, c -> c.claimed != null, Duration.ofSeconds(120));
    String fillWait =
        String.format(
            Locale.ROOT,
            "queue wait %s with free capacity (%d tasks at once into %d free slots): p50 %s p99 %s max %s",
            label,
            fill.size(),
            slots,
            ms(percentile(fill, c -> c.claimed, 50)),
            ms(percentile(fill, c -> c.claimed, 99)),
            ms(percentile(fill, c -> c.claimed, 100)));
    System.out.println(fillWait);

    // Every slot busy: one more task waits; free one slot and time the waiting task's claim.
    List<Long> freedWaits = new ArrayList<>();
    List<Claw> running = new ArrayList<>(fill);
    for (int round = 0; round < 5; round++) {
      Claw waiting = dispatch("scenario: hang");
      Thread.sleep(3000);
      Claw victim = running.remove(0);
      post("/api/claws/" + victim.id + "/cancel");
      awaitAll(List.of(victim), c -> c.finished != null, Duration.ofSeconds(60));
      awaitAll(List.of(waiting), c -> c.claimed != null, Duration.ofSeconds(60));
      boolean waited = waiting.claimed.isAfter(victim.finished);
      freedWaits.add(Duration.between(victim.finished, waiting.claimed).toMillis());
      if (!waited) {
        System.out.println("  (a task was claimed before the slot freed: the fleet was not full)");
      }
      running.add(waiting);
    }
    freedWaits.sort(null);
    String freed =
        String.format(
            Locale.ROOT,
            "slot freed %s: run.finished of a running task -> run.claimed of the waiting one:"
                + " p50 %d ms max %d ms (n=%d)",
            label,
            freedWaits.get(freedWaits.size() / 2),
            freedWaits.get(freedWaits.size() - 1),
            freedWaits.size());
    System.out.println(freed);
    for (Claw claw : running) {
      post("/api/claws/" + claw.id + "/cancel");
    }
    awaitAll(running, c -> c.finished != null, Duration.ofSeconds(60));

    // P6: one burst of long tasks, twice the slots of a 3-runner fleet of 4.
    int burstSize = 24;
    List<Claw> burst = new ArrayList<>();
    for (int i = 0; i < burstSize; i++) {
      burst.add(dispatch("scenario: healthy step-ms=1500"));
    }
    awaitAll(burst, c -> c.finished != null, Duration.ofSeconds(600));
    Instant first = burst.stream().map(c -> c.published).min(Instant::compareTo).orElseThrow();
    Instant last = burst.stream().map(c -> c.finished).max(Instant::compareTo).orElseThrow();
    double seconds = Duration.between(first, last).toMillis() / 1000.0;
    Map<String, Integer> claimsPerRunner = new TreeMap<>();
    burst.forEach(c -> claimsPerRunner.merge(c.runner, 1, Integer::sum));
    long completed = burst.stream().filter(c -> "completed".equals(c.outcome)).count();
    String p6 =
        String.format(
            Locale.ROOT,
            "P6 %s: burst of %d tasks (~6 s each) in %.1f s = %.2f tasks/s; claims per runner %s"
                + " (max/min %.2f); %d completed",
            label,
            burstSize,
            seconds,
            burstSize / seconds,
            claimsPerRunner,
            claimsPerRunner.values().stream().mapToInt(i -> i).max().orElse(0)
                / (double) Math.max(1, claimsPerRunner.values().stream().mapToInt(i -> i).min().orElse(1)),
            completed);
    System.out.println(p6);
    Files.writeString(
        results,
        String.join("\n", p3, fillWait, freed, p6, "throughput " + label + " " + burstSize / seconds)
            + "\n",
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    reading = false;
    producer.close();
  }

  Claw dispatch(String prompt) throws Exception {
    Claw claw = new Claw(UUID.randomUUID());
    claws.put(claw.id, claw);
    Path workspace = workspaces.resolve(claw.id.toString());
    Files.createDirectories(workspace);
    Instant now = Instant.now();
    claw.published = now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    String task =
        String.format(
            Locale.ROOT,
            "{\"eventId\":\"%s\",\"type\":\"task.dispatched\",\"clawId\":\"%s\",\"occurredAt\":\"%s\","
                + "\"source\":\"bench\",\"schema\":1,\"data\":{\"taskId\":\"%s\",\"attempt\":1,"
                + "\"runtime\":\"sim\",\"prompt\":\"%s\",\"workspacePath\":\"%s\","
                + "\"modelProfile\":{\"name\":\"primary\",\"model\":\"bench\",\"idleTimeoutSeconds\":600},"
                + "\"fallbackProfiles\":[],\"capabilities\":{\"elevatedExec\":false,\"browser\":false,"
                + "\"fileTools\":true,\"processTools\":true},\"timeouts\":{\"runSeconds\":900,"
                + "\"idleSeconds\":900,\"toolIdleSeconds\":900,\"heartbeatSeconds\":5},\"maxAttempts\":1}}",
            UUID.randomUUID(),
            claw.id,
            claw.published,
            UUID.randomUUID(),
            prompt,
            workspace);
    producer.send(new ProducerRecord<>("claw.tasks", claw.id.toString(), task)).get();
    return claw;
  }

  void readEvents() {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            props(
                Map.of(
                    "key.deserializer", StringDeserializer.class.getName(),
                    "value.deserializer", StringDeserializer.class.getName())))) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : consumer.partitionsFor("claw.events")) {
        partitions.add(new TopicPartition(info.topic(), info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      while (reading) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
          apply(record.value());
        }
      }
    }
  }

  void apply(String value) {
    Matcher claw = CLAW.matcher(value);
    Matcher type = TYPE.matcher(value);
    Matcher at = AT.matcher(value);
    if (!claw.find() || !type.find() || !at.find()) {
      return;
    }
    Claw c = claws.get(UUID.fromString(claw.group(1)));
    if (c == null) {
      return;
    }
    Instant when = Instant.parse(at.group(1));
    switch (type.group(1)) {
      case "run.claimed" -> {
        Matcher runner = RUNNER.matcher(value);
        c.runner = runner.find() ? runner.group(1) : "?";
        c.claimed = when;
      }
      case "run.started" -> c.started = when;
      case "run.finished" -> {
        Matcher outcome = OUTCOME.matcher(value);
        c.outcome = outcome.find() ? outcome.group(1) : "?";
        c.finished = when;
      }
      default -> {}
    }
  }

  void awaitAll(
      Collection<Claw> wanted, java.util.function.Predicate<Claw> done, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!wanted.stream().allMatch(done)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            wanted.stream().filter(done.negate()).count() + " tasks not done within " + timeout);
      }
      Thread.sleep(50);
    }
  }

  static Long percentile(
      List<Claw> claws, java.util.function.Function<Claw, Instant> to, int percentile) {
    List<Long> values = new ArrayList<>();
    for (Claw claw : claws) {
      if (to.apply(claw) != null) {
        values.add(Duration.between(claw.published, to.apply(claw)).toMillis());
      }
    }
    if (values.isEmpty()) {
      return null;
    }
    values.sort(null);
    int index = (int) Math.ceil(percentile / 100.0 * values.size()) - 1;
    return values.get(Math.max(0, Math.min(values.size() - 1, index)));
  }

  static String ms(Long value) {
    return value == null ? "n/a" : value + " ms";
  }

  String get(String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(statusUrl + path))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  void post(String path) throws Exception {
    http.send(
        HttpRequest.newBuilder(URI.create(statusUrl + path))
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  Properties props(Map<String, String> own) {
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrap);
    props.put("key.serializer", StringSerializer.class.getName());
    props.put("value.serializer", StringSerializer.class.getName());
    props.putAll(own);
    return props;
  }

  static int count(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  static String env(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is not set");
    }
    return value;
  }
}
