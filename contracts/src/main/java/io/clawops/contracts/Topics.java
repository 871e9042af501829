package io.clawops.contracts;

import java.util.List;

/** Names of the Kafka topics of DESIGN §2; every topic is keyed by {@code clawId}. */
public final class Topics {

  public static final String BOOTSTRAP = "claw.bootstrap";
  public static final String TASKS = "claw.tasks";
  public static final String EVENTS = "claw.events";

  /** Separate from {@link #EVENTS} so a busy event stream never delays liveness. */
  public static final String HEARTBEATS = "claw.heartbeats";

  public static final String COMMANDS = "claw.commands";
  public static final String STATUS = "claw.status";

  /** Records that could not be parsed or applied, with the reason in {@link DeadLetterHeaders}. */
  public static final String DLQ = "claw.dlq";

  /** Every topic, for deployment scripts and test brokers that create them. */
  public static final List<String> ALL =
      List.of(BOOTSTRAP, TASKS, EVENTS, HEARTBEATS, COMMANDS, STATUS, DLQ);

  /** Partitions per topic unless configured otherwise; caps the useful number of runners. */
  public static final int DEFAULT_PARTITIONS = 12;

  private Topics() {}
}
