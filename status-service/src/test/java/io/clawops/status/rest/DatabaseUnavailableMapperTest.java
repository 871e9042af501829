package io.clawops.status.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.support.rest.Problems;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** A request that met a database that is away answers 503, anything else still 500. */
class DatabaseUnavailableMapperTest {

  private final DatabaseUnavailableMapper mapper = new DatabaseUnavailableMapper();

  @Test
  void shouldAnswer503WithRetryAfterWhenTheDatabaseIsDown() throws IOException {
    Response response =
        mapper.unavailable(new IllegalStateException("could not read the claw", refused()));

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getMediaType().toString()).isEqualTo(Problems.MEDIA_TYPE);
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
    assertThat(response.getEntity().toString())
        .contains("\"type\":\"" + DatabaseUnavailableMapper.TYPE + "\"")
        .contains("\"status\":503")
        .doesNotContain("127.0.0.1");
  }

  @Test
  void shouldStillAnswer500ForAFailureOfItsOwn() {
    Response response = mapper.unavailable(new IllegalStateException("bug"));

    assertThat(response.getStatus()).isEqualTo(500);
    assertThat(response.getHeaderString("Retry-After")).isNull();
  }

  private static SQLException refused() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try {
      DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/x", "u", "p");
      throw new AssertionError("a closed port accepted a connection");
    } catch (SQLException e) {
      return e;
    }
  }
}
