package io.clawops.provisioner.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCommandTest {

  @TempDir Path directory;

  @Test
  void shouldKillTheWholeProcessTreeWhenGitOutlivesItsTimeout() throws Exception {
    // Connections land in the backlog and are never answered: git waits forever.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String url = "http://127.0.0.1:" + silent.getLocalPort() + "/org/app.git";
      long started = System.nanoTime();

      GitResult result =
          new GitCommand()
              .run(directory, List.of("clone", "--", url, "app"), Map.of(), Duration.ofMillis(800));

      assertThat(result.timedOut()).isTrue();
      assertThat(result.ok()).isFalse();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> ProcessHandle.current().descendants().noneMatch(GitCommandTest::isGit));
      assertThat(CloneFailureClassifier.classify(result).kind())
          .isEqualTo(CloneFailure.Kind.TIMEOUT);
    }
  }

  @Test
  void shouldRunWithoutPromptingAndReportGitsOutput() throws Exception {
    GitResult result =
        new GitCommand().run(directory, List.of("--version"), Map.of(), Duration.ofSeconds(10));

    assertThat(result.ok()).isTrue();
    assertThat(result.stdout()).startsWith("git version");
  }

  private static boolean isGit(ProcessHandle process) {
    return process.info().command().map(command -> command.contains("git")).orElse(false);
  }
}
