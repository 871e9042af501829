package io.clawops.provisioner.request;

/**
 * One repository the claw needs: where it comes from, where it goes in the workspace (a normalized
 * relative path), whether the claw can run without it, and the name of its credential, if any.
 *
 * <p>The URL may carry credentials while the request is in memory; {@link #withoutSecrets()} is
 * what gets stored or published.
 */
public record RepositoryRequest(String url, String path, boolean required, String credentialRef) {

  /** This repository with any credentials removed from its URL. */
  public RepositoryRequest withoutSecrets() {
    return new RepositoryRequest(
        RepositoryUrl.parse(url).withoutUserInfo(), path, required, credentialRef);
  }

  /** A short name for messages: the last segment of the URL without {@code .git}. */
  public String name() {
    return RepositoryUrl.parse(url).name();
  }

  /** The URL as it may be shown: no credentials. */
  public String displayUrl() {
    return RepositoryUrl.parse(url).withoutUserInfo();
  }
}
