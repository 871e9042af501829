package io.clawops.status.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clawops.status.claw.RuleSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A recorded history of one end-to-end story ({@code e2e}'s {@code FixtureRecorder}): a header
 * line, then every record status-service consumed for the story's claws in topic-partition-offset
 * order with its Kafka timestamp, then what it published for them, then the operator actions the
 * test took; one JSON object a line.
 *
 * @param story the file's name without {@code .jsonl}
 * @param test the end-to-end test that recorded it
 * @param until when the recording ended: the replay runs the timers up to then
 * @param rules the rule timings the recorded status-service ran with
 * @param records the consumed records, in topic-partition-offset order
 * @param published what the live status-service published for the claws (commands, status changes):
 *     not replayed, the live answer to compare with and to learn its minted ids from
 * @param actions the operator actions, in the order they were sent
 * @param inputIds every UUID the fixture's text names: any other UUID in a result was minted
 */
record Fixture(
    String story,
    String test,
    Instant until,
    List<UUID> claws,
    RuleSettings rules,
    List<ReplayInput.Delivered> records,
    List<ReplayInput.Delivered> published,
    List<ReplayInput.Action> actions,
    Set<String> inputIds) {

  /** Where the fixtures and their golden files live (the module is the working directory). */
  static final Path FOLDER = Path.of("src/test/resources/replay");

  static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every fixture of {@link #FOLDER}, by name. */
  static List<Fixture> all() {
    try (Stream<Path> files = Files.list(FOLDER)) {
      return files
          .filter(file -> file.getFileName().toString().endsWith(".jsonl"))
          .sorted()
          .map(Fixture::read)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Fixture read(Path file) {
    String name = file.getFileName().toString().replaceFirst("\\.jsonl$", "");
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonNode header = parse(lines.get(0));
    if (!"header".equals(header.path("kind").asText())) {
      throw new IllegalArgumentException(file + ": the first line is not the header");
    }
    List<ReplayInput.Delivered> records = new ArrayList<>();
    List<ReplayInput.Delivered> published = new ArrayList<>();
    List<ReplayInput.Action> actions = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      JsonNode node = parse(line);
      switch (node.path("kind").asText()) {
        case "record" -> records.add(delivered(node));
        case "published" -> published.add(delivered(node));
        case "action" ->
            actions.add(
                new ReplayInput.Action(
                    node.get("action").asText(),
                    UUID.fromString(node.get("clawId").asText()),
                    Instant.parse(node.get("at").asText()),
                    node.get("httpStatus").asInt()));
        default -> throw new IllegalArgumentException(file + ": a line of no known kind: " + line);
      }
    }
    List<UUID> claws = new ArrayList<>();
    header.get("claws").forEach(id -> claws.add(UUID.fromString(id.asText())));
    Set<String> ids = new TreeSet<>();
    Matcher matcher = UUID_TEXT.matcher(String.join("\n", lines));
    while (matcher.find()) {
      ids.add(matcher.group());
    }
    return new Fixture(
        name,
        header.get("test").asText(),
        Instant.parse(header.get("until").asText()),
        List.copyOf(claws),
        rules(header.get("settings")),
        List.copyOf(records),
        List.copyOf(published),
        List.copyOf(actions),
        Set.copyOf(ids));
  }

  /** The header's status-service settings as the rules' timings; unnamed ones keep the defaults. */
  static RuleSettings rules(JsonNode settings) {
    RuleSettings d = RuleSettings.defaults();
    int stale = d.staleBeats();
    int offline = d.offlineBeats();
    int redispatch = d.redispatchBeats();
    Duration start = d.startTimeout();
    Duration cancel = d.cancelGrace();
    Duration deadline = d.deadlineGrace();
    Iterator<Map.Entry<String, JsonNode>> fields = settings.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String value = field.getValue().asText();
      switch (field.getKey()) {
        case "CLAWOPS_RULES_STALE_BEATS" -> stale = Integer.parseInt(value);
        case "CLAWOPS_RULES_OFFLINE_BEATS" -> offline = Integer.parseInt(value);
        case "CLAWOPS_RULES_REDISPATCH_BEATS" -> redispatch = Integer.parseInt(value);
        case "CLAWOPS_RULES_START_TIMEOUT" -> start = duration(value);
        case "CLAWOPS_RULES_CANCEL_GRACE" -> cancel = duration(value);
        case "CLAWOPS_RULES_DEADLINE_GRACE" -> deadline = duration(value);
        default ->
            // A setting the replay does not apply would make it fold by other rules than the live
            // service did: refuse rather than guess.
            throw new IllegalArgumentException("a setting the replay does not know: " + field);
      }
    }
    return new RuleSettings(
        stale,
        offline,
        redispatch,
        start,
        cancel,
        deadline,
        d.defaultHeartbeat(),
        d.historyLimit());
  }

  /** A duration as the services' configuration writes it: {@code 3s}, {@code 250ms}, {@code 2m}. */
  static Duration duration(String text) {
    Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(text.trim().toLowerCase());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration: " + text);
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }

  private static ReplayInput.Delivered delivered(JsonNode node) {
    return ReplayInput.Delivered.decode(
        node.get("topic").asText(),
        node.get("partition").asInt(),
        node.get("offset").asLong(),
        Instant.parse(node.get("timestamp").asText()),
        node.get("key").asText(),
        node.get("value").asText());
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
