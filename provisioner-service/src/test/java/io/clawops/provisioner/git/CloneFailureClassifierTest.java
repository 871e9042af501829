package io.clawops.provisioner.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.provisioner.git.CloneFailure.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CloneFailureClassifierTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "fatal: repository 'https://h/o/r.git/' not found | NOT_FOUND",
        "fatal: '/tmp/x' does not appear to be a git repository | NOT_FOUND",
        "remote: Repository not found. | NOT_FOUND",
        "fatal: could not read Username for 'https://h': terminal prompts disabled | AUTH_REFUSED",
        "fatal: Authentication failed for 'https://h/o/r.git/' | AUTH_REFUSED",
        "fatal: unable to access 'https://h/': The requested URL returned error: 403 | AUTH_REFUSED",
        "fatal: unable to access 'https://h/': The requested URL returned error: 503 | UNREACHABLE",
        "fatal: unable to access 'https://h/': Could not resolve host: h | UNREACHABLE",
        "error: RPC failed; curl 56 GnuTLS recv error | UNREACHABLE"
      })
  void shouldClassifyGitsMessages(String stderr, Kind expected) {
    CloneFailure failure = CloneFailureClassifier.classify(new GitResult(128, "", stderr, false));

    assertThat(failure.kind()).isEqualTo(expected);
    assertThat(failure.kind().retryable()).isEqualTo(expected == Kind.UNREACHABLE);
  }

  @Test
  void shouldTreatATimeoutAsRetryable() {
    CloneFailure failure = CloneFailureClassifier.classify(new GitResult(-1, "", "", true));

    assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(failure.kind().retryable()).isTrue();
  }

  @Test
  void shouldKeepOnlyGitsSummaryLineWithCredentialsRedacted() {
    String stderr =
        "Cloning into 'repository'...\n"
            + "fatal: unable to access 'https://x:ghp_abcdefghijklmnopqrstuvwxyz0123456789@h/r.git/':"
            + " Failed to connect\n";

    String detail = CloneFailureClassifier.classify(new GitResult(128, "", stderr, false)).detail();

    assertThat(detail).startsWith("unable to access 'https://***@h/r.git/'").doesNotContain("ghp_");
  }
}
