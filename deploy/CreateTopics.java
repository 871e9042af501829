/*
 * Creates the ClawOps topics on the local broker, idempotently. Used by deploy/local.sh, launched
 * as a single-file source program against the broker's own jars (kafka-clients' Admin API):
 *
 *   java -cp 'deploy/target/kafka/libs/*' deploy/CreateTopics.java \
 *       <bootstrap> <partitions> <timeoutSeconds> <topic>...
 *
 * It retries until the broker answers (so it doubles as the broker readiness check), creates the
 * topics that do not exist yet with replication factor 1, and leaves existing ones alone (a topic
 * with a different partition count is reported, not changed: that would move keys between
 * partitions). Exit status 0 when every topic exists afterwards, 1 otherwise, 2 on bad arguments.
 */
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

public class CreateTopics {

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println(
          "usage: CreateTopics <bootstrap> <partitions> <timeoutSeconds> <topic> [<topic>...]");
      System.exit(2);
    }
    String bootstrap = args[0];
    int partitions = Integer.parseInt(args[1]);
    long deadline = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[2])).toNanos();
    List<String> topics = List.of(args).subList(3, args.length);

    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "clawops-create-topics");
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "1000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");

    Exception last = null;
    try (Admin admin = Admin.create(props)) {
      while (System.nanoTime() < deadline) {
        try {
          int callTimeout =
              (int) Math.max(1000, Math.min(5000, (deadline - System.nanoTime()) / 1_000_000));
          report(ensure(admin, topics, partitions, callTimeout), partitions);
          return;
        } catch (ExecutionException | org.apache.kafka.common.errors.TimeoutException e) {
          last = e;
          Thread.sleep(500);
        }
      }
    }
    System.err.println(
        "topics not created: broker at "
            + bootstrap
            + " did not answer in time"
            + (last == null ? "" : " (" + rootMessage(last) + ")"));
    System.exit(1);
  }

  /** Creates what is missing; returns every requested topic's partition count. */
  private static Map<String, Integer> ensure(
      Admin admin, List<String> topics, int partitions, int timeoutMs) throws Exception {
    Set<String> existing =
        admin.listTopics(new ListTopicsOptions().timeoutMs(timeoutMs)).names().get();
    List<NewTopic> missing = new ArrayList<>();
    for (String topic : topics) {
      if (!existing.contains(topic)) {
        missing.add(new NewTopic(topic, partitions, (short) 1));
      }
    }
    if (!missing.isEmpty()) {
      var results =
          admin.createTopics(missing, new CreateTopicsOptions().timeoutMs(timeoutMs)).values();
      for (var entry : results.entrySet()) {
        try {
          entry.getValue().get();
          System.out.println("created topic " + entry.getKey());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
    }
    Map<String, TopicDescription> described =
        admin
            .describeTopics(topics, new DescribeTopicsOptions().timeoutMs(timeoutMs))
            .allTopicNames()
            .get();
    Map<String, Integer> counts = new TreeMap<>();
    described.forEach((name, d) -> counts.put(name, d.partitions().size()));
    return counts;
  }

  private static void report(Map<String, Integer> counts, int partitions) {
    StringBuilder line = new StringBuilder("topics ready:");
    counts.forEach((name, n) -> line.append(' ').append(name).append('(').append(n).append(')'));
    System.out.println(line);
    counts.forEach(
        (name, n) -> {
          if (n != partitions) {
            System.out.println(
                "note: topic "
                    + name
                    + " has "
                    + n
                    + " partitions, not "
                    + partitions
                    + " (existing topics are left as they are)");
          }
        });
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
