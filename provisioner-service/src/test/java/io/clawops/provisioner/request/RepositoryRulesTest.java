package io.clawops.provisioner.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepositoryRulesTest {

  @Test
  void shouldSplitCredentialsOffAUrl() {
    RepositoryUrl url = RepositoryUrl.parse("https://bot:p%40ss@git.example.com:8443/org/app.git");

    assertThat(url.withoutUserInfo()).isEqualTo("https://git.example.com:8443/org/app.git");
    assertThat(url.userInfo()).contains("bot:p@ss");
    assertThat(url.origin()).isEqualTo("https://git.example.com:8443/");
    assertThat(url.name()).isEqualTo("app");
  }

  @Test
  void shouldKeepAUrlWithoutCredentialsAsGiven() {
    RepositoryUrl url = RepositoryUrl.parse("file:///srv/git/lib/");

    assertThat(url.withoutUserInfo()).isEqualTo("file:///srv/git/lib/");
    assertThat(url.userInfo()).isEmpty();
    assertThat(url.isHttp()).isFalse();
    assertThat(url.name()).isEqualTo("lib");
  }

  @Test
  void shouldNormalizeWorkspacePathsAndDetectOverlaps() {
    assertThat(WorkspacePath.normalize("./src//app/")).isEqualTo("src/app");
    assertThat(WorkspacePath.problem("src/app")).isEmpty();
    assertThat(WorkspacePath.problem("a/../..")).contains("must stay inside the workspace");
    assertThat(WorkspacePath.problem("C:/x")).contains("must stay inside the workspace");
    assertThat(WorkspacePath.problem("CLAWOPS_CONTEXT.md")).isPresent();
    assertThat(WorkspacePath.overlaps("src", "src/app")).isTrue();
    assertThat(WorkspacePath.overlaps("src", "srcs")).isFalse();
  }
}
