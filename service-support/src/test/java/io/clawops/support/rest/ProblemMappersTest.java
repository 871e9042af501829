package io.clawops.support.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {

  private final ProblemMappers mappers = new ProblemMappers();

  @Test
  void shouldKeepTheStatusTheFrameworkChose() {
    assertProblem(mappers.webApplication(new NotFoundException("/api/secret-path")), 404);
    assertProblem(mappers.webApplication(new NotAllowedException("POST")), 405);
    assertProblem(mappers.webApplication(new NotSupportedException()), 415);
  }

  @Test
  void shouldAnswer500WithoutTheExceptionText() {
    Response response =
        mappers.unexpected(new IllegalStateException("token=s3cret-value leaked into a message"));

    assertProblem(response, 500);
    assertThat((String) response.getEntity()).doesNotContain("s3cret").doesNotContain("token");
  }

  private static void assertProblem(Response response, int status) {
    assertThat(response.getStatus()).isEqualTo(status);
    assertThat(response.getMediaType()).hasToString(Problems.MEDIA_TYPE);
    assertThat((String) response.getEntity())
        .contains("\"status\":" + status)
        .doesNotContain("detail")
        .doesNotContain("secret-path");
  }
}
