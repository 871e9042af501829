package io.clawops.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Hands the JVM-wide broker (and, with the {@code database} argument, a PostgreSQL database) to a
 * {@code @QuarkusTest}.
 *
 * <p>Use as {@code @WithTestResource(value = ClawOpsTestResource.class, initArgs
 * = @ResourceArg(name = ClawOpsTestResource.DATABASE, value = "status"))}.
 */
public class ClawOpsTestResource implements QuarkusTestResourceLifecycleManager {

  /** Init argument naming the database to create and hand to the datasource. */
  public static final String DATABASE = "database";

  private String database;

  @Override
  public void init(Map<String, String> initArgs) {
    database = initArgs.get(DATABASE);
  }

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new HashMap<>();
    config.put("kafka.bootstrap.servers", TestInfrastructure.kafka().bootstrapServers());
    if (database != null) {
      config.put("quarkus.datasource.jdbc.url", TestInfrastructure.postgres().jdbcUrl(database));
      config.put("quarkus.datasource.username", PostgresTestServer.USERNAME);
      config.put("quarkus.datasource.password", PostgresTestServer.PASSWORD);
    }
    return config;
  }

  @Override
  public void stop() {
    // The broker and database outlive one test class: they stop with the JVM.
  }
}
