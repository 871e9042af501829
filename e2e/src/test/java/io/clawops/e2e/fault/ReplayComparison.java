package io.clawops.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.clawops.contracts.Topics;
import io.clawops.contracts.codec.EnvelopeCodec;
import io.clawops.contracts.message.CommandCancel;
import io.clawops.contracts.message.CommandInjectMessage;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.TaskDispatched;
import io.clawops.e2e.system.ClawDatabase;
import io.clawops.e2e.system.ClawDatabase.TimelineRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads what a fold of a {@link RecordedHistory} made of it (records, timelines, ledger, which of
 * the history's envelopes it applied, what it published) and compares two folds, and each against
 * what the history says.
 *
 * <p>Left out of the comparison, because they legitimately depend on the wall clock or on how the
 * input was cut into polled batches rather than on the input:
 *
 * <ul>
 *   <li>{@code updatedAt}: when the fold last wrote the document, and {@code version}: how many
 *       times it did (one write per committed batch that touched the claw);
 *   <li>{@code statusSince}, {@code timelineLines} and the {@code status.changed} timeline lines: a
 *       status change is published per committed batch, so how many a claw goes through (and when)
 *       depends on where batches were cut, a restart included;
 *   <li>{@code publishedConnection}: the liveness the fold computed from its clock at its last
 *       write (DESIGN §6.1: the connection is derived from the age of the last heartbeat);
 *   <li>the time of what the fold itself decided: a hub message's and a recovery's {@code at}, the
 *       {@code dispatchedAt} of an attempt the fold dispatched, and their timeline lines;
 *   <li>ids the fold minted (command ids, the task id of an attempt it dispatched): random per fold
 *       ({@code UUID.randomUUID()} in {@code Recoveries}), replaced by {@code <minted>}.
 * </ul>
 */
final class ReplayComparison {

  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final String MINTED = "<minted>";
  private static final String FOLD_TIME = "<fold time>";
  private static final String CROSS_TOPIC = "<cross-topic order, FINDINGS #20>";

  /** What one fold holds and published. */
  record Fold(
      String name,
      Set<UUID> ledger,
      Set<UUID> applied,
      Map<UUID, JsonNode> documents,
      Map<UUID, List<TimelineRow>> timelines,
      List<Envelope> commands,
      List<Envelope> tasks,
      long statusChanges,
      long deadLetters,
      long resent) {}

  private final RecordedHistory history;
  private final Set<String> historyIds;
  private final List<Envelope> envelopes;

  ReplayComparison(RecordedHistory history) {
    this.history = history;
    this.historyIds = history.ids();
    this.envelopes = history.envelopesButHeartbeats();
  }

  /** Reads a fold's database and the topics of its broker. */
  Fold read(String name, ClawDatabase database, String bootstrapServers) {
    Map<UUID, JsonNode> documents = new HashMap<>();
    database
        .clawDocuments()
        .forEach((id, json) -> documents.put(id, ReplayKillFaultIT.parse(json)));
    List<Envelope> commands = decode(bootstrapServers, Topics.COMMANDS);
    // The fold's own attempts, not the provisioner's first ones the history holds.
    List<Envelope> tasks =
        decode(bootstrapServers, Topics.TASKS).stream()
            .filter(e -> e.source() != null && e.source().startsWith("status/"))
            .toList();
    long resent =
        resent(commands.stream().map(Envelope::eventId).toList())
            + resent(tasks.stream().map(Envelope::eventId).toList());
    return new Fold(
        name,
        database.allProcessedEventIds(),
        database.appliedEventIds(envelopes),
        documents,
        database.timelines(),
        commands,
        tasks,
        ReplayTopics.readAll(bootstrapServers, Topics.STATUS).size(),
        ReplayTopics.readAll(bootstrapServers, Topics.DLQ).size(),
        resent);
  }

  /** Every claw ends as its history says: status, attempts, hub messages. */
  void assertEachAsHistorySays(Fold fold) {
    assertThat(fold.documents().keySet())
        .as("claws of fold %s", fold.name())
        .isEqualTo(history.claws().keySet());
    List<String> wrong = new ArrayList<>();
    history
        .claws()
        .forEach(
            (clawId, kind) -> {
              JsonNode doc = fold.documents().get(clawId);
              String status = doc.at("/published/status").asText();
              int runs = doc.get("runs").size();
              int messages = doc.get("hubMessages").size();
              int expectedMessages =
                  kind == RecordedHistory.Kind.ELEVATED_LOOP
                          || kind == RecordedHistory.Kind.SAME_CALL_LOOP
                      ? 1
                      : 0;
              if (!status.equals(kind.status)
                  || runs != kind.attempts
                  || messages != expectedMessages) {
                wrong.add(
                    clawId
                        + " "
                        + kind
                        + ": status "
                        + status
                        + ", "
                        + runs
                        + " runs, "
                        + messages
                        + " hub messages");
              }
            });
    assertThat(wrong).as("claws of fold %s not as their history says", fold.name()).isEmpty();
  }

  /**
   * Every claw's record in {@code b} equals its record in {@code a}, as far as the input decides.
   */
  void assertSameRecords(Fold a, Fold b) {
    List<String> differences = new ArrayList<>();
    for (UUID clawId : history.claws().keySet()) {
      JsonNode left = normalize(clawId, a.documents().get(clawId));
      JsonNode right = normalize(clawId, b.documents().get(clawId));
      if (!left.equals(right)) {
        differences.add(
            clawId + " (" + history.claws().get(clawId) + "): " + diff("", left, right));
      }
    }
    assertThat(differences)
        .as(
            "records of fold %s that differ from fold %s (%d)",
            b.name(), a.name(), differences.size())
        .isEmpty();
  }

  /**
   * Every claw's timeline in {@code b} holds the lines of {@code a}'s: the same lines, each as
   * often, and the lines of its run events (one topic, so one order, F2) in the same order. Returns
   * how many lines {@code b} holds more often than {@code a} (events applied twice).
   */
  long assertSameTimelines(Fold a, Fold b) {
    List<String> differences = new ArrayList<>();
    long extra = 0;
    long reordered = 0;
    for (UUID clawId : history.claws().keySet()) {
      List<String> left = lines(clawId, a.timelines().get(clawId));
      List<String> right = lines(clawId, b.timelines().get(clawId));
      Map<String, Long> leftCount = count(left);
      Map<String, Long> rightCount = count(right);
      for (Map.Entry<String, Long> entry : rightCount.entrySet()) {
        extra += Math.max(0, entry.getValue() - leftCount.getOrDefault(entry.getKey(), 0L));
      }
      if (!leftCount.equals(rightCount)) {
        differences.add(clawId + " lines: " + multisetDiff(leftCount, rightCount));
      } else if (!runLines(left).equals(runLines(right))) {
        differences.add(clawId + ": run event lines in another order");
      } else if (!left.equals(right)) {
        reordered++;
      }
    }
    System.out.printf(
        "replay: timelines: %d claws whose lines of different topics interleave differently (F2 allows it)%n",
        reordered);
    assertThat(differences)
        .as("timelines of fold %s that differ from fold %s", b.name(), a.name())
        .isEmpty();
    return extra;
  }

  /**
   * The outbox acted once per cause: in each fold one command id per (claw, command, run, rule or
   * reason) and one task id per (claw, attempt), a cause published again only under the same id
   * (runners ignore a repeated command id: CommandRouter,
   * HubMessageTest#shouldActOnceOnADuplicatedCommand); and both folds decided the same causes,
   * which are exactly those the history calls for.
   */
  void assertOutboxActsOnce(Fold a, Fold b) {
    Map<String, Set<UUID>> causesA = causes(a);
    Map<String, Set<UUID>> causesB = causes(b);
    for (Map.Entry<String, Map<String, Set<UUID>>> fold :
        Map.of(a.name(), causesA, b.name(), causesB).entrySet()) {
      assertThat(
              fold.getValue().entrySet().stream()
                  .filter(e -> e.getValue().size() > 1)
                  .map(Map.Entry::getKey)
                  .toList())
          .as("causes fold %s published under more than one id", fold.getKey())
          .isEmpty();
    }
    Set<String> expected = expectedCauses();
    assertThat(decidedInEveryOrder(causesB.keySet()))
        .as("what fold %s published", b.name())
        .isEqualTo(decidedInEveryOrder(causesA.keySet()))
        .isEqualTo(decidedInEveryOrder(expected));
    for (Map.Entry<String, Map<String, Set<UUID>>> fold :
        Map.of(a.name(), causesA, b.name(), causesB).entrySet()) {
      assertThat(expected)
          .as("what the history calls for, fold %s", fold.getKey())
          .containsAll(fold.getValue().keySet());
      System.out.printf(
          "replay: fold %s decided the fallback of %d of %d model timeouts (FINDINGS #20)%n",
          fold.getKey(),
          fold.getValue().keySet().stream().filter(c -> c.contains(" task attempt ")).count(),
          expected.stream().filter(c -> c.contains(" task attempt ")).count());
    }
  }

  /** The causes whose decision does not depend on the order of a claw's topics. */
  private Set<String> decidedInEveryOrder(Set<String> causes) {
    return causes.stream()
        .filter(cause -> !fallbackDependsOnOrder(UUID.fromString(cause.substring(0, 36))))
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  private Map<String, Set<UUID>> causes(Fold fold) {
    Map<String, Set<UUID>> causes = new HashMap<>();
    for (Envelope envelope : fold.commands()) {
      String cause;
      UUID id;
      if (envelope.data() instanceof CommandInjectMessage inject) {
        cause = envelope.clawId() + " inject run " + runLabel(inject.runId()) + " " + inject.rule();
        id = inject.commandId();
      } else if (envelope.data() instanceof CommandCancel cancel) {
        cause =
            envelope.clawId() + " cancel run " + runLabel(cancel.runId()) + " " + cancel.reason();
        id = cancel.commandId();
      } else {
        cause = envelope.clawId() + " " + envelope.type();
        id = envelope.eventId();
      }
      causes.computeIfAbsent(cause, c -> new java.util.HashSet<>()).add(id);
    }
    for (Envelope envelope : fold.tasks()) {
      TaskDispatched task = (TaskDispatched) envelope.data();
      causes
          .computeIfAbsent(
              envelope.clawId()
                  + " task attempt "
                  + task.attempt()
                  + " "
                  + task.modelProfile().name(),
              c -> new java.util.HashSet<>())
          .add(task.taskId());
    }
    return causes;
  }

  private Set<String> expectedCauses() {
    Set<String> expected = new java.util.TreeSet<>();
    history
        .claws()
        .forEach(
            (clawId, kind) -> {
              switch (kind) {
                case ELEVATED_LOOP -> expected.add(clawId + " inject run 1 L1");
                case SAME_CALL_LOOP -> expected.add(clawId + " inject run 1 L2");
                case MODEL_TIMEOUT_FALLBACK -> {
                  expected.add(
                      clawId
                          + " cancel run 1 model timeout on primary; retrying with fallback fallback");
                  expected.add(clawId + " task attempt 2 fallback");
                }
                default -> {}
              }
            });
    return expected;
  }

  /** Run ids of the history are name-based on the attempt: "run-1/…" reads as attempt 1. */
  private String runLabel(UUID runId) {
    return runId == null ? "any" : history.attemptOfRun(runId);
  }

  /**
   * A model timeout folded before its task waits for it; if the next attempt's events are folded
   * meanwhile, the late task finds that attempt current and no fallback is decided (FINDINGS #20).
   */
  private boolean fallbackDependsOnOrder(UUID clawId) {
    return history.claws().get(clawId) == RecordedHistory.Kind.MODEL_TIMEOUT_FALLBACK;
  }

  private JsonNode normalize(UUID clawId, JsonNode document) {
    ObjectNode doc = (ObjectNode) document.deepCopy();
    for (String field :
        List.of(
            "updatedAt",
            "statusSince",
            "timelineLines",
            "publishedConnection",
            "version",
            "decisions")) {
      doc.remove(field);
    }
    int current = doc.withArray("runs").size();
    ArrayNode ledger = doc.withArray("causes");
    for (int i = ledger.size() - 1; i >= 0; i--) {
      int attempt = ledger.get(i).path("attempt").asInt();
      if (attempt > 0 && attempt < current) {
        // An earlier attempt's causes depend on how its topics were interleaved, as its run does.
        ledger.remove(i);
      } else if (ledger.get(i).path("code").asText().equals("platform.runner_lost")) {
        // The wall-clock time of the sweep that found the runner lost.
        ((ObjectNode) ledger.get(i)).put("at", FOLD_TIME).put("message", FOLD_TIME);
      }
    }
    for (JsonNode message : doc.withArray("hubMessages")) {
      ((ObjectNode) message).put("at", FOLD_TIME);
    }
    int attempts = doc.withArray("runs").size();
    for (JsonNode node : doc.withArray("runs")) {
      ObjectNode run = (ObjectNode) node;
      if (run.path("attempt").asInt() > 1) {
        run.put("dispatchedAt", FOLD_TIME);
      }
      if (run.get("origin") instanceof ObjectNode origin) {
        // A re-dispatch is decided at the sweep that found the runner lost: wall-clock time.
        origin.put("since", FOLD_TIME).put("detail", FOLD_TIME);
      }
      for (String field : List.of("lastHeartbeatAt", "lastBeat", "consecutiveBeats")) {
        run.put(field, CROSS_TOPIC);
      }
      if (run.path("attempt").asInt() < attempts) {
        for (String field : List.of("causes", "highSeq", "finishedAt")) {
          run.put(field, CROSS_TOPIC);
        }
      }
      if (fallbackDependsOnOrder(clawId)) {
        // Whether this fold decided the fallback (and so gave the next attempt an origin) or found
        // the next attempt already current depends on the interleaving too.
        for (String field : List.of("taskId", "superseded", "modelTimeoutHandled", "origin")) {
          run.put(field, CROSS_TOPIC);
        }
        if (run.path("attempt").asInt() < attempts) {
          run.put("outcome", CROSS_TOPIC);
        }
      }
    }
    if (fallbackDependsOnOrder(clawId)) {
      doc.put("task", CROSS_TOPIC);
      doc.put("usedProfiles", CROSS_TOPIC);
    }
    return mint(doc);
  }

  /** Replaces every id the history does not name with {@link #MINTED}. */
  private JsonNode mint(JsonNode node) {
    if (node.isTextual()) {
      return TextNode.valueOf(mintText(node.asText()));
    }
    if (node instanceof ObjectNode object) {
      ObjectNode copy = object.objectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        copy.set(mintText(field.getKey()), mint(field.getValue()));
      }
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = array.arrayNode();
      array.forEach(item -> copy.add(mint(item)));
      return copy;
    }
    return node;
  }

  private String mintText(String text) {
    Matcher ids = UUID_TEXT.matcher(text);
    StringBuilder out = new StringBuilder();
    while (ids.find()) {
      ids.appendReplacement(out, historyIds.contains(ids.group()) ? ids.group() : MINTED);
    }
    return ids.appendTail(out).toString();
  }

  /** Timeline lines without status changes, the fold's own decisions without their time. */
  private List<String> lines(UUID clawId, List<TimelineRow> rows) {
    List<String> lines = new ArrayList<>();
    int last = rows == null ? 0 : rows.stream().mapToInt(TimelineRow::attempt).max().orElse(0);
    for (TimelineRow row : rows == null ? List.<TimelineRow>of() : rows) {
      if (row.type().equals("status.changed")
          || (fallbackDependsOnOrder(clawId)
              && row.type().equals("task.dispatched")
              && row.attempt() > 1)) {
        continue;
      }
      boolean decided =
          row.type().equals("hub_message")
              || (row.type().equals("task.dispatched") && row.attempt() > 1);
      lines.add(
          (decided ? FOLD_TIME : row.at().toString())
              + " "
              + row.type()
              + " attempt="
              + row.attempt()
              + " stale="
              + (row.attempt() < last ? CROSS_TOPIC : row.stale())
              + " "
              + mintText(row.summary()));
    }
    return lines;
  }

  private static List<String> runLines(List<String> lines) {
    return lines.stream()
        .filter(line -> line.contains(" run.") || line.contains(" hub_message "))
        .toList();
  }

  private static Map<String, Long> count(List<String> lines) {
    return lines.stream()
        .collect(Collectors.groupingBy(line -> line, TreeMap::new, Collectors.counting()));
  }

  private static String multisetDiff(Map<String, Long> left, Map<String, Long> right) {
    List<String> out = new ArrayList<>();
    Set<String> keys = new java.util.TreeSet<>(left.keySet());
    keys.addAll(right.keySet());
    for (String key : keys) {
      long l = left.getOrDefault(key, 0L);
      long r = right.getOrDefault(key, 0L);
      if (l != r) {
        out.add(l + "→" + r + " " + key);
      }
    }
    return String.join("; ", out.subList(0, Math.min(6, out.size())));
  }

  /** The first few paths where two JSON trees differ. */
  private static String diff(String path, JsonNode left, JsonNode right) {
    List<String> out = new ArrayList<>();
    diff(path, left, right, out);
    return String.join("; ", out.subList(0, Math.min(6, out.size())));
  }

  private static void diff(String path, JsonNode left, JsonNode right, List<String> out) {
    if (left != null
        && right != null
        && left.isContainerNode()
        && left.getNodeType() == right.getNodeType()) {
      Set<String> keys = new java.util.TreeSet<>();
      if (left.isObject()) {
        left.fieldNames().forEachRemaining(keys::add);
        right.fieldNames().forEachRemaining(keys::add);
        keys.forEach(key -> diff(path + "/" + key, left.get(key), right.get(key), out));
        return;
      }
      if (left.size() == right.size()) {
        for (int i = 0; i < left.size(); i++) {
          diff(path + "/" + i, left.get(i), right.get(i), out);
        }
        return;
      }
    }
    if (left == null ? right != null : !left.equals(right)) {
      out.add(path + ": " + left + " vs " + right);
    }
  }

  private static List<Envelope> decode(String bootstrapServers, String topic) {
    return ReplayTopics.readAll(bootstrapServers, topic).stream()
        .map(record -> EnvelopeCodec.decode(record.key(), record.value()))
        .toList();
  }

  private static long resent(List<UUID> ids) {
    return ids.size() - ids.stream().distinct().count();
  }
}
