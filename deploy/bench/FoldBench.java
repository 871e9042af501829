import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The fold benchmark (README "Fold benchmark"): drives a running local stack only through its
 * public contract (DESIGN §2-§4 topics and envelopes, §10 REST) and prints figures; it asserts
 * nothing.
 *
 * <p>Its claws are synthetic runs of bench runner ids: the bench publishes what a runner would
 * ({@code run.claimed}, {@code run.started}, tool calls, model calls, heartbeats, {@code
 * run.finished}) and never a task, so no real runner is ever handed one of its claws. Without a
 * task, status-service has nothing to re-dispatch; tool inputs vary, so no loop rule (L1-L3) fires;
 * no model call times out (M1); deadlines lie a day ahead; every run is finished at the end.
 *
 * <p>Modes: {@code fold} (throughput, then latency under load; {@code throughput} and {@code
 * latency} run one of them) and {@code soak} (database sizes under a constant heartbeat load).
 * Usage: {@code java -cp 'deploy/target/kafka/libs/*' deploy/bench/FoldBench.java MODE
 * RESULTS_FILE} with BENCH_BOOTSTRAP, BENCH_STATUS_URL and BENCH_TOKEN in the environment (soak:
 * BENCH_JDBC_URL, BENCH_JDBC_USER, BENCH_JDBC_PASSWORD and the PostgreSQL JDBC driver on the class
 * path); {@code deploy/local.sh bench fold|soak} sets them. Everything printed is appended to
 * RESULTS_FILE.
 *
 * <p>Parameters (environment, defaults in brackets): throughput: BENCH_CLAWS [1000], BENCH_EVENTS
 * [100000], BENCH_WARMUP [1000000, in backlog rounds of BENCH_EVENTS], BENCH_ROUNDS [3
 * measured rounds, each with new claws, then their median], BENCH_VERIFY_SAMPLE [50 claws checked
 * via REST]; latency: BENCH_LATENCY_CLAWS [500 background claws], BENCH_LATENCY_RATE [10000
 * events/s], BENCH_PROBE_WARMUP [20 probes first, not counted], BENCH_PROBES [200],
 * BENCH_PROBE_TIMEOUT [30 s], BENCH_POLL_MS [5], BENCH_LATENCY_MAX_SECONDS
 * [150: no probe is sent after that], BENCH_DRAIN_TIMEOUT [300 s]; soak: BENCH_SOAK_CLAWS [1000],
 * BENCH_SOAK_HEARTBEATS [1000000,5000000: where sizes are read], BENCH_SOAK_RATE [10000
 * heartbeats/s, 0 = as fast as the producer goes]; BENCH_FOLD_GROUP [clawops-status].
 */
public class FoldBench {

  static final String EVENTS = "claw.events";
  static final String HEARTBEATS = "claw.heartbeats";
  static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Events of the default warm-up, in backlog rounds shaped as the measured ones. The JIT of
   * status-service settles only after about a million records of this load: on a fresh stack the
   * fold applied about 60,000 events/s after 300,000 warm-up events, with its compilers still busy
   * for a second or more per round (in the first 100 s of the service a third of what they
   * compiled was discarded again), and 100,000-120,000 once the same service had folded about
   * 1,500,000.
   */
  static final int WARMUP_EVENTS = 1_000_000;

  /** Lines a latency probe reads of its claw's timeline on each poll, the newest. */
  static final int PROBE_LINES = 5;

  final String bootstrap = env("BENCH_BOOTSTRAP");
  final String statusUrl = env("BENCH_STATUS_URL");
  final String token = env("BENCH_TOKEN");

  /** {@code mp.messaging.incoming.fold.group.id} of status-service. */
  final String foldGroup = envOr("BENCH_FOLD_GROUP", "clawops-status");

  final String tag = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
  final HttpClient http = HttpClient.newHttpClient();

  /** Everything printed goes to this file too, as it is printed. */
  Path results;

  KafkaProducer<String, String> producer;

  /** The producer of the backlog rounds, created by the first. */
  KafkaProducer<String, String> transactional;

  Admin admin;

  public static void main(String[] args) throws Exception {
    FoldBench bench = new FoldBench();
    bench.results = Path.of(args[1]);
    try {
      bench.producer = new KafkaProducer<>(bench.producerProps());
      bench.admin = Admin.create(Map.of("bootstrap.servers", bench.bootstrap));
      switch (args[0]) {
        case "fold" -> {
          bench.throughput(
              intEnv("BENCH_CLAWS", 1_000), intEnv("BENCH_EVENTS", 100_000),
              intEnv("BENCH_WARMUP", WARMUP_EVENTS), intEnv("BENCH_VERIFY_SAMPLE", 50),
              intEnv("BENCH_ROUNDS", 3));
          bench.latency(
              intEnv("BENCH_LATENCY_CLAWS", 500), intEnv("BENCH_LATENCY_RATE", 10_000),
              intEnv("BENCH_PROBES", 200), intEnv("BENCH_PROBE_TIMEOUT", 30),
              intEnv("BENCH_POLL_MS", 5), intEnv("BENCH_LATENCY_MAX_SECONDS", 150));
        }
        case "latency" ->
            bench.latency(
                intEnv("BENCH_LATENCY_CLAWS", 500), intEnv("BENCH_LATENCY_RATE", 10_000),
                intEnv("BENCH_PROBES", 200), intEnv("BENCH_PROBE_TIMEOUT", 30),
                intEnv("BENCH_POLL_MS", 5), intEnv("BENCH_LATENCY_MAX_SECONDS", 150));
        case "throughput" ->
            bench.throughput(
                intEnv("BENCH_CLAWS", 1_000), intEnv("BENCH_EVENTS", 100_000),
                intEnv("BENCH_WARMUP", WARMUP_EVENTS), intEnv("BENCH_VERIFY_SAMPLE", 50),
                intEnv("BENCH_ROUNDS", 3));
        case "soak" ->
            bench.soak(
                intEnv("BENCH_SOAK_CLAWS", 1_000),
                envOr("BENCH_SOAK_HEARTBEATS", "1000000,5000000"),
                intEnv("BENCH_SOAK_RATE", 10_000));
        default -> throw new IllegalArgumentException("unknown mode " + args[0]);
      }
    } finally {
      if (bench.producer != null) {
        bench.producer.close(Duration.ofSeconds(30));
      }
      if (bench.transactional != null) {
        bench.transactional.close(Duration.ofSeconds(30));
      }
      if (bench.admin != null) {
        bench.admin.close(Duration.ofSeconds(5));
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Phase 1: throughput of the fold against a plain consumer on the same records

  void throughput(int clawCount, int eventCount, int warmupEvents, int sample, int rounds)
      throws Exception {
    if (eventCount < 3 * clawCount) {
      throw new IllegalArgumentException("BENCH_EVENTS must be at least 3 per claw");
    }
    if (rounds < 1) {
      throw new IllegalArgumentException("BENCH_ROUNDS must be at least 1");
    }
    out("");
    out(
        "== fold throughput: %d round(s) of %,d claws, %,d run events interleaved across them"
            + " (warm-up %,d); load average %s, %d cores",
        rounds,
        clawCount,
        eventCount,
        warmupEvents,
        load(),
        Runtime.getRuntime().availableProcessors());
    awaitIdle();
    // Rounds of the measured shape, each printed: how the fold's rate rises while the JIT settles.
    for (int round = 1, left = warmupEvents; left > 0; round++) {
      int events = Math.min(left, eventCount);
      left -= events;
      int warmClaws = Math.max(1, Math.min(clawCount, events / 3));
      List<Claw> claws = claws("bench-warmup-" + tag + "-" + round, warmClaws);
      List<Record> warm = interleaved(claws, events);
      Produced produced = produceBacklog(warm, endOffsets());
      awaitApplied(produced.targets, Duration.ofSeconds(600));
      Instant lastApplied = lastWritten(claws);
      out(
          "  warm-up %d: %,d events for %,d claws (backlog), fold %,.0f events/s",
          round,
          warm.size(),
          warmClaws,
          lastApplied == null
              ? Double.NaN
              : warm.size() / (millis(produced.visibleAt, lastApplied) / 1000.0));
    }

    List<Round> measured = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      measured.add(measureRound(round, rounds, clawCount, eventCount, sample, true));
    }
    // One more round the fold reads while it is produced, the producer on the same machine.
    Round live = measureRound(rounds + 1, rounds, clawCount, eventCount, sample, false);
    out("");
    out("  %-44s %s", "over the " + rounds + " backlog round(s)", "median (lowest - highest)");
    out("  %-44s %s", "fold: events applied/s", spread(measured, Round::foldRate, "%,.0f"));
    out("  %-44s %s", "plain consumer records/s", spread(measured, Round::plainRate, "%,.0f"));
    out("  %-44s %s", "ratio fold / plain consumer", spread(measured, Round::ratio, "%.3f"));
    out(
        "  %-44s %,.0f (ratio %.3f)",
        "live round: fold events applied/s",
        live.foldRate(),
        live.ratio());
  }

  /** One measured round's rates. */
  record Round(double foldRate, double plainRate) {
    double ratio() {
      return foldRate / plainRate;
    }
  }

  /** The median and the range of one figure over the rounds, each formatted with {@code format}. */
  static String spread(List<Round> rounds, ToDoubleFunction<Round> figure, String format) {
    double[] values = rounds.stream().mapToDouble(figure).sorted().toArray();
    int n = values.length;
    double median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    return String.format(
        Locale.ROOT,
        format + " (" + format + " - " + format + ")",
        median,
        values[0],
        values[n - 1]);
  }

  /**
   * One measured round: {@code eventCount} events for {@code clawCount} new claws, produced as
   * fast as the producer goes; the fold's rate to the claws' last write, then a plain consumer's
   * on the same records.
   *
   * <p>A backlog round produces them in one Kafka transaction: the fold reads committed records
   * only (DESIGN §2), so the whole round becomes visible to it at once when the transaction
   * commits, and the fold reads a backlog as the plain consumer does; its time runs from the
   * commit. A live round's records are visible as they are sent; its time runs from the first
   * send, so the fold cannot be faster than the producer that shares the machine with it.
   */
  Round measureRound(
      int round, int rounds, int clawCount, int eventCount, int sample, boolean backlog)
      throws Exception {
    String runner = "bench-fold-" + tag + "-" + round;
    List<Claw> claws = claws(runner, clawCount);
    List<Record> records = interleaved(claws, eventCount);
    Map<TopicPartition, Long> starts = endOffsets();
    Produced produced = backlog ? produceBacklog(records, starts) : produceAll(records);
    Instant producedAt = backlog ? produced.visibleAt : Instant.now();
    Instant committedAt =
        awaitApplied(produced.targets, Duration.ofSeconds(Math.max(600, eventCount / 500)));

    // When the claws' last record was applied: the latest time their rows were written (the
    // record's own updatedAt is the time of the last record decided, DESIGN §7), and whether the
    // record is what the events say.
    List<JsonNode> items = listByRunner(runner);
    Map<String, Integer> statuses = new TreeMap<>();
    for (JsonNode item : items) {
      statuses.merge(item.path("status").asText("?"), 1, Integer::sum);
    }
    Instant lastApplied = lastWritten(claws);
    String verified = verifySample(claws, sample);

    double produceSecs = millis(produced.startedAt, producedAt) / 1000.0;
    double foldSecs =
        lastApplied == null ? Double.NaN : millis(produced.visibleAt, lastApplied) / 1000.0;
    double commitSecs =
        committedAt == null ? Double.NaN : millis(produced.visibleAt, committedAt) / 1000.0;
    PlainRead plain = plainRead(starts, produced.targets);
    double foldRate = records.size() / foldSecs;
    double plainRate = plain.records / plain.seconds;

    out("");
    out(
        backlog ? "  round %d of %d (backlog)" : "  live round (after the %2$d backlog rounds)",
        round,
        rounds);
    out("  %-44s %12s %10s %12s", "", "records", "elapsed", "records/s");
    out(
        "  %-44s %,12d %9.2fs %,12.0f",
        backlog ? "produced in one transaction (acks=all)" : "produced (acks=all)",
        records.size(),
        produceSecs,
        records.size() / produceSecs);
    out(
        "  %-44s %,12d %9.2fs %,12.0f",
        "fold: applied (last claw row written)", records.size(), foldSecs, foldRate);
    out(
        "  %-44s %,12d %9.2fs %,12.0f",
        "fold: committed offsets reached the end",
        records.size(),
        commitSecs,
        records.size() / commitSecs);
    out(
        "  %-44s %,12d %9.2fs %,12.0f",
        "plain consumer (same partitions and offsets)", plain.records, plain.seconds, plainRate);
    out("  %-44s %12s %10s %12.3f", "ratio fold / plain consumer", "", "", foldRate / plainRate);
    out(
        "  fold times run from %s; the commit line is late by up to the fold's commit interval;"
            + " load average now %s",
        backlog ? "the transaction's commit (the backlog visible at once)" : "the first send",
        load());
    out(
        "  claws by status via GET /api/claws?runnerId=%s: %s (of %,d)",
        runner, statuses, clawCount);
    out("  %s", verified);
    return new Round(foldRate, plainRate);
  }

  /**
   * Sends the probe claw one tool call named {@code name} and polls its timeline until the call is
   * there: the milliseconds from just before the send, or -1 when it was not there within {@code
   * timeoutSeconds}. The call's result follows, so the agent looks like an agent.
   */
  double probeOnce(Claw probe, String name, int timeoutSeconds, int pollMs) throws Exception {
    Record record = probe.toolUse(name + " of " + tag);
    String marker = name + " of " + tag + "\"";
    long sentAt = System.nanoTime();
    producer.send(new ProducerRecord<>(record.topic, record.key, record.value)).get();
    long deadline = sentAt + timeoutSeconds * 1_000_000_000L;
    double latency = -1;
    while (System.nanoTime() < deadline) {
      // The newest lines only: the probe's tool call is its newest line once it is folded.
      String body = get("/api/claws/" + probe.id + "/timeline?limit=" + PROBE_LINES);
      if (body != null && body.contains(marker)) {
        latency = (System.nanoTime() - sentAt) / 1e6;
        break;
      }
      Thread.sleep(pollMs);
    }
    send(probe.toolResult());
    return latency;
  }

  /** Checks {@code sample} claws' records and timelines against what was sent for them. */
  String verifySample(List<Claw> claws, int sample) throws Exception {
    List<Claw> shuffled = new ArrayList<>(claws);
    Collections.shuffle(shuffled, new Random(7));
    int checked = 0;
    List<String> wrong = new ArrayList<>();
    for (Claw claw : shuffled.subList(0, Math.min(sample, shuffled.size()))) {
      checked++;
      JsonNode record = getJson("/api/claws/" + claw.id);
      JsonNode timeline = getJson("/api/claws/" + claw.id + "/timeline").path("items");
      // The timeline also holds status lines; the run events are the "run.*" ones.
      int runLines = 0;
      String lastRun = null;
      for (JsonNode item : timeline) {
        String type = item.path("type").asText();
        if (type.startsWith("run.")) {
          runLines++;
          lastRun = type;
        }
      }
      boolean whole = timeline.size() < 200; // the endpoint serves the newest 200 lines
      String problem = null;
      if (record == null || !"completed".equals(record.path("status").asText())) {
        problem = "status " + (record == null ? "missing" : record.path("status").asText());
      } else if (!claw.runId.toString().equals(record.path("run").path("runId").asText())) {
        problem = "run " + record.path("run").path("runId").asText();
      } else if (whole && runLines != claw.timelineLines) {
        problem = "timeline holds " + runLines + " run events, sent " + claw.timelineLines;
      } else if (!"run.finished".equals(lastRun)) {
        problem = "last run event in the timeline " + lastRun;
      }
      if (problem != null) {
        wrong.add(claw.id + ": " + problem);
      }
    }
    return String.format(
        Locale.ROOT,
        "sample via GET /api/claws/{id} and /timeline: %d of %d claws completed with every run"
            + " event in their timeline%s",
        checked - wrong.size(),
        checked,
        wrong.isEmpty() ? "" : "; wrong: " + wrong.subList(0, Math.min(5, wrong.size())));
  }

  record PlainRead(long records, double seconds) {}

  /** A consumer of a fresh group reads the same offset ranges the fold consumed. */
  PlainRead plainRead(Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends) {
    Properties props = plainConsumerProps(5_000);
    props.put("group.id", "bench-plain-" + UUID.randomUUID());
    props.put("enable.auto.commit", "false");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = new ArrayList<>(ends.keySet());
      consumer.assign(partitions);
      // Connections, metadata and fetch sessions first, so the clock times reading, not start-up.
      consumer.seekToEnd(partitions);
      consumer.poll(Duration.ofMillis(500));
      for (TopicPartition partition : partitions) {
        consumer.seek(partition, starts.getOrDefault(partition, 0L));
      }
      long count = 0;
      long begun = System.nanoTime();
      Map<TopicPartition, Long> remaining = new HashMap<>(ends);
      while (!remaining.isEmpty()) {
        ConsumerRecords<String, String> batch = consumer.poll(Duration.ofMillis(200));
        for (TopicPartition partition : batch.partitions()) {
          Long end = remaining.get(partition);
          for (var record : batch.records(partition)) {
            if (end != null && record.offset() < end) {
              count++;
            }
          }
        }
        remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        if (secs(begun) > 120) {
          throw new IllegalStateException("the plain consumer did not reach the end in 120 s");
        }
      }
      return new PlainRead(count, secs(begun));
    }
  }

  // -------------------------------------------------------------------------------------------
  // Phase 2: event -> REST latency while other claws keep the fold busy

  void latency(
      int backgroundClaws, int rate, int probes, int timeoutSeconds, int pollMs, int maxSeconds)
      throws Exception {
    out("");
    out(
        "== event -> GET /api/claws/{id}/timeline latency: %d probes, while %,d events/s flow"
            + " for %,d other claws; load average %s",
        probes, rate, backgroundClaws, load());
    awaitIdle();
    Claw probe = claws("bench-probe-" + tag, 1).get(0);
    send(probe.claimed());
    send(probe.started());
    producer.flush();
    long begun = System.nanoTime();
    while (!timelineHas(probe, "\"run.started\"")) {
      if (secs(begun) > 120) {
        throw new IllegalStateException("the probe claw did not appear within 120 s");
      }
      Thread.sleep(50);
    }

    // A plain consumer tails the same topics meanwhile: how old a record already is when any
    // consumer first gets it, the share of the latency no fold can take away.
    Tap tap = new Tap(List.of(EVENTS, HEARTBEATS), "probe ", " of " + tag + "\"");
    Thread tapping = new Thread(tap, "bench-tap");
    tapping.setDaemon(true);
    tapping.start();
    Background background = new Background(claws("bench-bg-" + tag, backgroundClaws), rate);
    Thread loader = new Thread(background, "bench-background");
    loader.start();
    AtomicBoolean probing = new AtomicBoolean(true);
    Thread beats =
        new Thread(
            () -> {
              // The probe claw's own heartbeats, so no liveness timer takes it for lost.
              while (probing.get()) {
                send(probe.heartbeat());
                sleepQuietly(5_000);
              }
            },
            "bench-probe-beats");
    beats.setDaemon(true);
    beats.start();
    Thread.sleep(5_000); // the background load settles first

    // Probes that warm the path they time (the REST read of the timeline, the probe's round),
    // sent under the same load and not counted.
    int warmProbes = intEnv("BENCH_PROBE_WARMUP", 20);
    for (int i = 1; i <= warmProbes; i++) {
      probeOnce(probe, "warm-up probe " + i, timeoutSeconds, pollMs);
    }

    List<Double> latencies = new ArrayList<>();
    int missed = 0;
    int sent = 0;
    long phaseStart = System.nanoTime();
    tap.measuring.set(true);
    for (int i = 1; i <= probes; i++) {
      if (secs(phaseStart) > maxSeconds) {
        break;
      }
      double latency = probeOnce(probe, "probe " + i, timeoutSeconds, pollMs);
      sent++;
      if (latency < 0) {
        missed++;
      } else {
        latencies.add(latency);
      }
    }
    double probeSecs = secs(phaseStart);
    tap.running.set(false);
    tapping.join(10_000);
    background.running.set(false);
    loader.join();
    probing.set(false);

    // Every run ends; then the fold drains what is left.
    List<Record> finishes = new ArrayList<>();
    for (Claw claw : background.claws) {
      finishes.add(claw.finished());
    }
    finishes.add(probe.finished());
    produceAll(finishes);
    long draining = System.nanoTime();
    // Everything on the bench's topics by now, the last background heartbeats included.
    int drainTimeout = intEnv("BENCH_DRAIN_TIMEOUT", 300);
    Instant drained = awaitApplied(endOffsets(), Duration.ofSeconds(drainTimeout));
    double drainSecs = secs(draining);
    Map<String, Integer> statuses = new TreeMap<>();
    for (JsonNode item : listByRunner(background.runner)) {
      statuses.merge(item.path("status").asText("?"), 1, Integer::sum);
    }

    JsonNode probeRecord = getJson("/api/claws/" + probe.id);
    String probeStatus =
        probeRecord == null
            ? "missing"
            : probeRecord.path("status").asText()
                + (probeRecord.path("statusReason").isTextual()
                    ? " (" + probeRecord.path("statusReason").asText() + ")"
                    : "");
    Collections.sort(latencies);
    out("");
    out(
        "  %-44s %s",
        "background load achieved",
        String.format(
            Locale.ROOT,
            "%,.0f events/s (%,d events in %.1f s, target %,d/s)",
            background.sent.get() / background.seconds(),
            background.sent.get(),
            background.seconds(),
            rate));
    out(
        "  %-44s %d sent, %d visible, %d never visible within %d s%s",
        "probes",
        sent,
        latencies.size(),
        missed,
        timeoutSeconds,
        sent < probes ? " (" + (probes - sent) + " not sent: " + maxSeconds + " s cap)" : "");
    spreadLine("send start -> visible in the timeline", latencies, "");
    spreadLine(
        "send -> a plain consumer has the probe",
        tap.probeAges,
        String.format(Locale.ROOT, "  (%d of the probes)", tap.probeAges.size()));
    spreadLine(
        "  the same for every record of the load",
        tap.ages,
        String.format(Locale.ROOT, "  (%,d records)", tap.ages.size()));
    out(
        "  (the plain consumer tails %s and %s with the fold's fetch settings; a record's age is"
            + " the time from its send to the poll that returned it, counted while probes are"
            + " sent)",
        EVENTS,
        HEARTBEATS);
    out(
        "  (timeline polled every %d ms for its newest %d lines; a probe is one run.tool_use,"
            + " sent and acknowledged with acks=all, timed from just before the send)",
        pollMs,
        PROBE_LINES);
    out(
        "  after the load: the fold drained its backlog in %.1f s%s; background claws by status:"
            + " %s; the probe claw: %s; load average %s",
        drainSecs,
        drained == null ? " (NOT within " + drainTimeout + " s, " + lag() + " records left)" : "",
        statuses,
        probeStatus,
        load());
  }

  /**
   * A plain consumer at the end of the topics, polling as the fold does (fetch.min.bytes 256 KB,
   * fetch.max.wait.ms 20): for every record, the time from its send (its create time) to the poll
   * that returned it; for the probes separately.
   */
  final class Tap implements Runnable {
    final List<String> topics;
    final String probeStart;
    final String probeEnd;
    final AtomicBoolean running = new AtomicBoolean(true);
    /** Set once the load settled: what the tap's own start-up held back is not counted. */
    final AtomicBoolean measuring = new AtomicBoolean();
    final List<Double> ages = new ArrayList<>();
    final List<Double> probeAges = new ArrayList<>();

    Tap(List<String> topics, String probeStart, String probeEnd) {
      this.topics = topics;
      this.probeStart = probeStart;
      this.probeEnd = probeEnd;
    }

    @Override
    public void run() {
      Properties props = plainConsumerProps(20_000);
      props.put("fetch.min.bytes", "262144");
      props.put("fetch.max.wait.ms", "20");
      try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
          consumer
              .partitionsFor(topic)
              .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        while (running.get()) {
          ConsumerRecords<String, String> batch = consumer.poll(Duration.ofMillis(100));
          long now = System.currentTimeMillis();
          if (!measuring.get()) {
            continue;
          }
          for (var record : batch) {
            double age = now - record.timestamp();
            ages.add(age);
            String value = record.value();
            if (value != null && value.contains(probeEnd) && value.contains(probeStart)) {
              probeAges.add(age);
            }
          }
        }
      }
      Collections.sort(ages);
      Collections.sort(probeAges);
    }
  }

  /** Run events at a steady rate, round robin over its claws, until stopped. */
  final class Background implements Runnable {
    final List<Claw> claws;
    final String runner;
    final int rate;
    final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicLong sent = new AtomicLong();
    volatile long startedAt;
    volatile long stoppedAt;

    Background(List<Claw> claws, int rate) {
      this.claws = claws;
      this.runner = claws.get(0).runner;
      this.rate = rate;
    }

    @Override
    public void run() {
      for (Claw claw : claws) {
        send(claw.claimed());
        send(claw.started());
      }
      startedAt = System.nanoTime();
      int next = 0;
      while (running.get()) {
        long due = (long) ((System.nanoTime() - startedAt) / 1e9 * rate);
        while (sent.get() < due && running.get()) {
          send(claws.get(next).nextBodyEvent());
          next = (next + 1) % claws.size();
          sent.incrementAndGet();
        }
        sleepQuietly(1);
      }
      stoppedAt = System.nanoTime();
    }

    double seconds() {
      return ((stoppedAt == 0 ? System.nanoTime() : stoppedAt) - startedAt) / 1e9;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Phase 3: database size under a constant heartbeat load

  void soak(int clawCount, String checkpointList, int rate) throws Exception {
    List<Long> checkpoints = new ArrayList<>();
    for (String part : checkpointList.split(",")) {
      checkpoints.add(Long.parseLong(part.trim().replace("_", "")));
    }
    Collections.sort(checkpoints);
    out("");
    out(
        "== soak: heartbeats for %,d running claws at %s, database sizes after %s heartbeats",
        clawCount,
        rate > 0 ? String.format(Locale.ROOT, "%,d/s", rate) : "full speed",
        checkpoints);
    awaitIdle();
    String runner = "bench-soak-" + tag;
    List<Claw> claws = claws(runner, clawCount);
    List<Record> starts = new ArrayList<>();
    for (Claw claw : claws) {
      starts.add(claw.claimed());
      starts.add(claw.started());
    }
    awaitApplied(produceAll(starts).targets, Duration.ofSeconds(600));

    Map<String, List<String>> table = new LinkedHashMap<>();
    List<String> columns = new ArrayList<>();
    columns.add("before");
    addSizes(table, sizes());

    Map<TopicPartition, Long> produced = new ConcurrentHashMap<>();
    AtomicLong beats = new AtomicLong();
    long begun = System.nanoTime();
    int next = 0;
    for (long checkpoint : checkpoints) {
      while (beats.get() < checkpoint) {
        if (rate > 0) {
          long due = (long) (secs(begun) * rate);
          if (beats.get() >= due) {
            Thread.sleep(1);
            continue;
          }
        }
        Record beat = claws.get(next).heartbeat();
        next = (next + 1) % claws.size();
        producer.send(
            new ProducerRecord<>(beat.topic, beat.key, beat.value),
            (metadata, error) -> {
              if (metadata != null) {
                produced.merge(
                    new TopicPartition(metadata.topic(), metadata.partition()),
                    metadata.offset() + 1,
                    Math::max);
              }
            });
        beats.incrementAndGet();
      }
      producer.flush();
      double producedSecs = secs(begun);
      Instant applied = awaitApplied(new HashMap<>(produced), Duration.ofSeconds(1_800));
      double appliedSecs = secs(begun);
      columns.add(String.format(Locale.ROOT, "%,d", checkpoint));
      addSizes(table, sizes());
      out(
          "  %,d heartbeats produced in %.0f s, applied %s %.0f s",
          checkpoint,
          producedSecs,
          applied == null ? "NOT within 1800 s, measured at" : "at",
          appliedSecs);
    }
    List<Record> finishes = new ArrayList<>();
    for (Claw claw : claws) {
      finishes.add(claw.finished());
    }
    awaitApplied(produceAll(finishes).targets, Duration.ofSeconds(600));

    out("");
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-34s", "after"));
    for (String column : columns) {
      header.append(String.format(Locale.ROOT, " %14s", column));
    }
    out("%s", header);
    for (Map.Entry<String, List<String>> row : table.entrySet()) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-34s", row.getKey()));
      for (String cell : row.getValue()) {
        line.append(String.format(Locale.ROOT, " %14s", cell));
      }
      out("%s", line);
    }
  }

  /** The latest time any of these claws' rows was written (column {@code updated_at}). */
  Instant lastWritten(List<Claw> claws) throws Exception {
    try (Connection connection =
            DriverManager.getConnection(
                env("BENCH_JDBC_URL"), env("BENCH_JDBC_USER"), env("BENCH_JDBC_PASSWORD"));
        java.sql.PreparedStatement select =
            connection.prepareStatement(
                "SELECT max(updated_at) FROM claw WHERE claw_id = ANY(?::uuid[])")) {
      select.setArray(
          1, connection.createArrayOf("uuid", claws.stream().map(claw -> claw.id).toArray()));
      try (ResultSet row = select.executeQuery()) {
        row.next();
        java.sql.Timestamp at = row.getTimestamp(1);
        return at == null ? null : at.toInstant();
      }
    }
  }

  static final List<String> TABLES =
      List.of("claw", "claw_timeline_chunk", "processed_event", "outbox");

  /** Sizes (pg_total_relation_size, with indexes and TOAST) and row counts, by row label. */
  Map<String, String> sizes() throws Exception {
    Map<String, String> sizes = new LinkedHashMap<>();
    try (Connection connection =
            DriverManager.getConnection(
                env("BENCH_JDBC_URL"), env("BENCH_JDBC_USER"), env("BENCH_JDBC_PASSWORD"));
        Statement statement = connection.createStatement()) {
      for (String table : TABLES) {
        try (ResultSet size =
            statement.executeQuery("SELECT pg_total_relation_size(to_regclass('" + table + "'))")) {
          size.next();
          long bytes = size.getLong(1);
          sizes.put(table + " (MB)", size.wasNull() ? "absent" : mb(bytes));
        }
        if (sizes.get(table + " (MB)").equals("absent")) {
          continue;
        }
        try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
          rows.next();
          sizes.put(table + " (rows)", String.format(Locale.ROOT, "%,d", rows.getLong(1)));
        }
        if (table.equals("claw_timeline_chunk")) {
          // A chunk holds the lines one write appended for one claw.
          try (ResultSet lines =
              statement.executeQuery("SELECT coalesce(sum(line_count), 0) FROM " + table)) {
            lines.next();
            sizes.put(table + " (lines)", String.format(Locale.ROOT, "%,d", lines.getLong(1)));
          }
        }
      }
      try (ResultSet total =
          statement.executeQuery("SELECT pg_database_size(current_database())")) {
        total.next();
        sizes.put("database total (MB)", mb(total.getLong(1)));
      }
    }
    return sizes;
  }

  static void addSizes(Map<String, List<String>> table, Map<String, String> sizes) {
    int columns = table.isEmpty() ? 0 : table.values().iterator().next().size();
    for (Map.Entry<String, String> entry : sizes.entrySet()) {
      table
          .computeIfAbsent(entry.getKey(), k -> new ArrayList<>(Collections.nCopies(columns, "-")))
          .add(entry.getValue());
    }
    for (List<String> row : table.values()) {
      while (row.size() < columns + 1) {
        row.add("-");
      }
    }
  }

  static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / 1_048_576.0);
  }

  // -------------------------------------------------------------------------------------------
  // Synthetic runs

  /** One record to produce. */
  record Record(String topic, String key, String value) {}

  /** One synthetic run of a bench runner: the claw, its run, and counters for its events. */
  static final class Claw {
    final UUID id = UUID.randomUUID();
    final UUID runId = UUID.randomUUID();
    final String runner;
    final String source;
    long seq;
    long beat;
    int calls;
    int body;
    int timelineLines;
    String pendingCall;

    Claw(String runner) {
      this.runner = runner;
      this.source = "runner/" + runner;
    }

    Record claimed() {
      return event(
          "run.claimed",
          String.format("\"taskId\":\"%s\",\"runnerId\":\"%s\"", UUID.randomUUID(), runner));
    }

    Record started() {
      return event(
          "run.started",
          "\"modelProfile\":{\"name\":\"primary\",\"model\":\"bench-model\","
              + "\"idleTimeoutSeconds\":600},\"deadlineAt\":\""
              + Instant.now().plus(Duration.ofDays(1))
              + "\"");
    }

    /** A tool call whose input differs from every earlier one (no L2 repetition). */
    Record toolUse(String summary) {
      calls++;
      pendingCall = "c" + calls;
      return event(
          "run.tool_use",
          String.format(
              "\"callId\":\"%s\",\"tool\":\"%s\",\"inputDigest\":\"%s\",\"inputSummary\":\"%s\"",
              pendingCall,
              calls % 2 == 0 ? "exec" : "edit_file",
              digest(id + "/in/" + calls),
              summary));
    }

    /** The result of the pending call, ok (no L1 capability errors). */
    Record toolResult() {
      String call = pendingCall != null ? pendingCall : "c" + calls;
      pendingCall = null;
      return event(
          "run.tool_result",
          String.format(
              "\"callId\":\"%s\",\"tool\":\"%s\",\"ok\":true,\"outputDigest\":\"%s\"",
              call, calls % 2 == 0 ? "exec" : "edit_file", digest(id + "/out/" + calls)));
    }

    Record model(String phase) {
      return event(
          "run.model",
          "\"phase\":\""
              + phase
              + "\",\"model\":\"bench-model\""
              + ("response".equals(phase) ? ",\"latencyMs\":900" : ""));
    }

    Record heartbeat() {
      beat++;
      return new Record(
          HEARTBEATS,
          id.toString(),
          envelope(
              "run.heartbeat",
              String.format(
                  Locale.ROOT,
                  "{\"runId\":\"%s\",\"attempt\":1,\"runnerId\":\"%s\",\"lastSeq\":%d,\"beat\":%d}",
                  runId,
                  runner,
                  seq,
                  beat)));
    }

    Record finished() {
      Instant now = Instant.now();
      return event(
          "run.finished",
          "\"outcome\":\"completed\",\"message\":\"done\",\"finishedAt\":\""
              + now
              + "\",\"deadlineAt\":\""
              + now.plus(Duration.ofDays(1))
              + "\"");
    }

    /**
     * The next event of the body of a run, in a cycle of five: tool call, its result, model
     * request, model response, heartbeat.
     */
    Record nextBodyEvent() {
      return switch (body++ % 5) {
        case 0 -> toolUse("step " + (calls + 1));
        case 1 -> toolResult();
        case 2 -> model("request");
        case 3 -> model("response");
        default -> heartbeat();
      };
    }

    private Record event(String type, String fields) {
      seq++;
      timelineLines++;
      return new Record(
          EVENTS,
          id.toString(),
          envelope(
              type,
              String.format(
                  Locale.ROOT,
                  "{\"runId\":\"%s\",\"attempt\":1,\"seq\":%d,%s}",
                  runId,
                  seq,
                  fields)));
    }

    private String envelope(String type, String data) {
      return String.format(
          "{\"eventId\":\"%s\",\"type\":\"%s\",\"clawId\":\"%s\",\"occurredAt\":\"%s\","
              + "\"source\":\"%s\",\"schema\":1,\"data\":%s}",
          UUID.randomUUID(), type, id, Instant.now(), source, data);
    }
  }

  static List<Claw> claws(String runner, int count) {
    List<Claw> claws = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      claws.add(new Claw(runner));
    }
    return claws;
  }

  /**
   * {@code total} events over {@code claws}, each claw's run complete (claimed, started, body,
   * finished), interleaved round by round in a shuffled claw order, so every polled batch holds
   * many claws.
   */
  static List<Record> interleaved(List<Claw> claws, int total) {
    int n = claws.size();
    List<List<Record>> runs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Claw claw = claws.get(i);
      int count = total / n + (i < total % n ? 1 : 0);
      List<Record> run = new ArrayList<>(count);
      run.add(claw.claimed());
      run.add(claw.started());
      while (run.size() < count - 1) {
        run.add(claw.nextBodyEvent());
      }
      run.add(claw.finished());
      runs.add(run);
    }
    List<Record> records = new ArrayList<>(total);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    Random random = new Random(42);
    for (int round = 0; records.size() < total; round++) {
      Collections.shuffle(order, random);
      for (int i : order) {
        if (round < runs.get(i).size()) {
          records.add(runs.get(i).get(round));
        }
      }
    }
    return records;
  }

  static String digest(String input) {
    return UUID.nameUUIDFromBytes(input.getBytes(StandardCharsets.UTF_8))
        .toString()
        .replace("-", "");
  }

  // -------------------------------------------------------------------------------------------
  // Kafka

  /**
   * Records sent from {@code startedAt}, visible to a consumer of committed records from {@code
   * visibleAt}; {@code targets}: the offset after the last per partition.
   */
  record Produced(Instant startedAt, Instant visibleAt, Map<TopicPartition, Long> targets) {}

  /** Sends every record as fast as the producer goes, each visible as it is written. */
  Produced produceAll(List<Record> records) throws Exception {
    Instant started = Instant.now();
    return new Produced(started, started, send(producer, records));
  }

  /**
   * Sends every record in one transaction of a transactional producer and commits it: none is
   * visible to a consumer of committed records before the commit, all of them after it.
   */
  Produced produceBacklog(List<Record> records, Map<TopicPartition, Long> starts)
      throws Exception {
    if (transactional == null) {
      Properties props = producerProps();
      props.put("transactional.id", "clawops-bench-" + tag);
      transactional = new KafkaProducer<>(props);
      transactional.initTransactions();
    }
    Instant started = Instant.now();
    transactional.beginTransaction();
    Map<TopicPartition, Long> targets;
    try {
      targets = send(transactional, records);
    } catch (Exception e) {
      transactional.abortTransaction();
      throw e;
    }
    long folded = foldedSince(starts);
    if (folded > 0) {
      out(
          "  (the fold group %s committed %,d records of an open transaction: it reads uncommitted"
              + " records, so this is no backlog)",
          foldGroup,
          folded);
    }
    Instant visible = Instant.now();
    transactional.commitTransaction();
    return new Produced(started, visible, targets);
  }

  /** Records the fold group committed past {@code starts} on the bench's topics. */
  long foldedSince(Map<TopicPartition, Long> starts) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(foldGroup).partitionsToOffsetAndMetadata().get();
    long folded = 0;
    for (Map.Entry<TopicPartition, Long> start : starts.entrySet()) {
      OffsetAndMetadata offset = committed.get(start.getKey());
      folded += Math.max(0, (offset == null ? 0 : offset.offset()) - start.getValue());
    }
    return folded;
  }

  /** Sends every record with {@code sender} and flushes; the offset after the last per partition. */
  Map<TopicPartition, Long> send(KafkaProducer<String, String> sender, List<Record> records) {
    Map<TopicPartition, Long> targets = new ConcurrentHashMap<>();
    AtomicLong failed = new AtomicLong();
    for (Record record : records) {
      sender.send(
          new ProducerRecord<>(record.topic, record.key, record.value),
          (RecordMetadata metadata, Exception error) -> {
            if (error != null) {
              failed.incrementAndGet();
            } else {
              targets.merge(
                  new TopicPartition(metadata.topic(), metadata.partition()),
                  metadata.offset() + 1,
                  Math::max);
            }
          });
    }
    sender.flush();
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " records could not be produced");
    }
    return new HashMap<>(targets);
  }

  void send(Record record) {
    producer.send(new ProducerRecord<>(record.topic, record.key, record.value));
  }

  /** The end offsets of the bench's topics now. */
  Map<TopicPartition, Long> endOffsets() throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (String topic : List.of(EVENTS, HEARTBEATS)) {
      int partitions =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
      for (int p = 0; p < partitions; p++) {
        request.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
    }
    Map<TopicPartition, Long> ends = new HashMap<>();
    admin.listOffsets(request).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
    return ends;
  }

  /**
   * Waits until the fold's consumer group committed at least {@code targets} on every partition;
   * returns when it saw that, or null after {@code timeout}.
   */
  Instant awaitApplied(Map<TopicPartition, Long> targets, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(foldGroup).partitionsToOffsetAndMetadata().get();
      boolean done = true;
      for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
        OffsetAndMetadata offset = committed.get(target.getKey());
        if ((offset == null ? 0 : offset.offset()) < target.getValue()) {
          done = false;
          break;
        }
      }
      if (done) {
        return Instant.now();
      }
      Thread.sleep(50);
    }
    out(
        "  (the fold group %s did not commit to the end within %d s)",
        foldGroup, timeout.toSeconds());
    return null;
  }

  /** Waits (up to 10 minutes) until the fold has nothing left to fold from earlier work. */
  void awaitIdle() throws Exception {
    long lag = lag();
    if (lag > 0) {
      out("  the fold still has %,d records to fold; waiting for it first", lag);
      awaitApplied(endOffsets(), Duration.ofMinutes(10));
    }
  }

  /** Records on the bench's topics the fold's group has not committed yet. */
  long lag() throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(foldGroup).partitionsToOffsetAndMetadata().get();
    long lag = 0;
    for (Map.Entry<TopicPartition, Long> end : endOffsets().entrySet()) {
      OffsetAndMetadata offset = committed.get(end.getKey());
      lag += Math.max(0, end.getValue() - (offset == null ? 0 : offset.offset()));
    }
    return lag;
  }

  /** A consumer of the bench's topics as text, {@code maxPollRecords} a poll. */
  Properties plainConsumerProps(int maxPollRecords) {
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrap);
    props.put("max.poll.records", Integer.toString(maxPollRecords));
    // As the fold reads them (DESIGN §2).
    props.put("isolation.level", "read_committed");
    props.put("key.deserializer", StringDeserializer.class.getName());
    props.put("value.deserializer", StringDeserializer.class.getName());
    return props;
  }

  Properties producerProps() {
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrap);
    props.put("key.serializer", StringSerializer.class.getName());
    props.put("value.serializer", StringSerializer.class.getName());
    props.put("acks", "all");
    props.put("linger.ms", "5");
    props.put("batch.size", Integer.toString(256 * 1024));
    props.put("compression.type", "none");
    return props;
  }

  // -------------------------------------------------------------------------------------------
  // REST

  /** Every claw whose current attempt runs on {@code runner}, page by page. */
  List<JsonNode> listByRunner(String runner) throws Exception {
    List<JsonNode> items = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          getJson(
              "/api/claws?limit=200&runnerId="
                  + URLEncoder.encode(runner, StandardCharsets.UTF_8)
                  + (cursor == null
                      ? ""
                      : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
      if (page == null) {
        break;
      }
      page.path("items").forEach(items::add);
      cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
    } while (cursor != null);
    return items;
  }

  boolean timelineHas(Claw claw, String text) throws Exception {
    String body = get("/api/claws/" + claw.id + "/timeline");
    return body != null && body.contains(text);
  }

  JsonNode getJson(String path) throws Exception {
    String body = get(path);
    return body == null ? null : JSON.readTree(body);
  }

  /** The body of a 200 answer, else null. */
  String get(String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(statusUrl + path))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 ? response.body() : null;
  }

  // -------------------------------------------------------------------------------------------
  // Helpers

  /** The machine's 1-minute load average, for reading the figures beside it. */
  static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (Exception e) {
      return "?";
    }
  }

  void out(String format, Object... args) {
    String line = String.format(Locale.ROOT, format, args);
    System.out.println(line);
    System.out.flush();
    try {
      Files.writeString(results, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (java.io.IOException e) {
      System.err.println("could not write " + results + ": " + e);
    }
  }

  /** One line of a label, the p50, p90, p99 and max of {@code sorted}, and a note. */
  void spreadLine(String label, List<Double> sorted, String note) {
    out(
        "  %-44s p50 %s  p90 %s  p99 %s  max %s%s",
        label,
        pct(sorted, 50),
        pct(sorted, 90),
        pct(sorted, 99),
        pct(sorted, 100),
        note);
  }

  static String pct(List<Double> sorted, int percentile) {
    if (sorted.isEmpty()) {
      return "n/a";
    }
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return String.format(
        Locale.ROOT, "%.0f ms", sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))));
  }

  static double secs(long sinceNanos) {
    return (System.nanoTime() - sinceNanos) / 1e9;
  }

  static long millis(Instant from, Instant to) {
    return Duration.between(from, to).toMillis();
  }

  static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String env(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is not set");
    }
    return value;
  }

  static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  static int intEnv(String name, int fallback) {
    String value = envOr(name, null);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, got " + value);
    }
  }
}
