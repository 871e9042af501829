package io.clawops.provisioner.git;

import io.clawops.provisioner.request.RepositoryUrl;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The environment that hands git a credential: an {@code Authorization: Basic} header set through
 * {@code GIT_CONFIG_COUNT}/{@code GIT_CONFIG_KEY_n}/{@code GIT_CONFIG_VALUE_n}, which is neither in
 * the process arguments nor written to the clone's {@code .git/config}.
 *
 * <p>A credential {@code user:password} is used as is; a bare token is sent as the password of
 * {@code x-access-token}, which GitHub, GitLab and Gitea accept for tokens. The header is scoped to
 * the repository's origin so a redirect to another host never receives it.
 */
public final class GitCredentials {

  private static final String TOKEN_USER = "x-access-token";

  private GitCredentials() {}

  /** The git environment for cloning {@code url} with {@code credential}, if any. */
  public static Map<String, String> environment(RepositoryUrl url, Optional<String> credential) {
    Map<String, String> config = new LinkedHashMap<>();
    // An empty helper list: no credential helper of the machine may answer for this clone.
    config.put("credential.helper", "");
    if (url.isHttp() && credential.isPresent()) {
      String userPassword =
          credential.get().contains(":") ? credential.get() : TOKEN_USER + ":" + credential.get();
      String basic =
          Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8));
      config.put("http." + url.origin() + ".extraHeader", "Authorization: Basic " + basic);
    }
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("GIT_CONFIG_COUNT", Integer.toString(config.size()));
    int index = 0;
    for (Map.Entry<String, String> entry : config.entrySet()) {
      environment.put("GIT_CONFIG_KEY_" + index, entry.getKey());
      environment.put("GIT_CONFIG_VALUE_" + index, entry.getValue());
      index++;
    }
    return environment;
  }
}
