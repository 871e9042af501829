package io.clawops.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresTestServerTest {

  @Test
  void shouldCreateADatabaseOnFirstUseAndKeepItsData() throws Exception {
    PostgresTestServer postgres = TestInfrastructure.postgres();
    String url = postgres.jdbcUrl("kit_probe");
    try (Connection connection =
            DriverManager.getConnection(
                url, PostgresTestServer.USERNAME, PostgresTestServer.PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS probe (id INT PRIMARY KEY)");
      statement.execute("INSERT INTO probe VALUES (1) ON CONFLICT DO NOTHING");
    }

    String again = postgres.jdbcUrl("kit_probe");
    try (Connection connection =
            DriverManager.getConnection(
                again, PostgresTestServer.USERNAME, PostgresTestServer.PASSWORD);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*), version() FROM probe")) {
      rows.next();
      assertThat(rows.getInt(1)).isEqualTo(1);
      assertThat(rows.getString(2)).startsWith("PostgreSQL 17");
    }
  }

  @Test
  void shouldRejectADatabaseNameThatIsNotAnIdentifier() {
    assertThatThrownBy(() -> TestInfrastructure.postgres().jdbcUrl("x; DROP DATABASE postgres"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
