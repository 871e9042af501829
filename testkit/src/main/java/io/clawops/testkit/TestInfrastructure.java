package io.clawops.testkit;

import io.clawops.contracts.Topics;

/**
 * The broker and database shared by every test of one JVM, started on first use and stopped when
 * the JVM exits.
 */
public final class TestInfrastructure {

  private static KafkaTestBroker kafka;
  private static PostgresTestServer postgres;

  private TestInfrastructure() {}

  /** The JVM-wide broker, with every contract topic created. */
  public static synchronized KafkaTestBroker kafka() {
    if (kafka == null) {
      kafka = KafkaTestBroker.start(Topics.DEFAULT_PARTITIONS);
      Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "clawops-test-kafka-stop"));
    }
    return kafka;
  }

  /** The JVM-wide PostgreSQL server. */
  public static synchronized PostgresTestServer postgres() {
    if (postgres == null) {
      postgres = PostgresTestServer.start();
      Runtime.getRuntime()
          .addShutdownHook(new Thread(postgres::close, "clawops-test-postgres-stop"));
    }
    return postgres;
  }
}
