package io.clawops.provisioner.git;

import io.clawops.provisioner.request.RepositoryUrl;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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
    return environment(url, credential, List.of());
  }

  /**
   * The git environment for cloning {@code url} with {@code credential}, connecting only to {@code
   * addresses} (the ones the repository policy approved; empty leaves resolution to git).
   */
  public static Map<String, String> environment(
      RepositoryUrl url, Optional<String> credential, List<InetAddress> addresses) {
    Map<String, String> config = new LinkedHashMap<>();
    // An empty helper list: no credential helper of the machine may answer for this clone.
    config.put("credential.helper", "");
    Map<String, String> extra = new LinkedHashMap<>();
    if (url.isHttp()) {
      // A redirect would lead git to a host no policy check saw: refuse them all.
      config.put("http.followRedirects", "false");
      if (!addresses.isEmpty() && !isLiteral(url.host())) {
        config.put(
            "http.curloptResolve", url.host() + ":" + url.port() + ":" + joined(addresses, true));
      }
    } else if ("ssh".equals(url.scheme()) && !addresses.isEmpty() && !isLiteral(url.host())) {
      // Connect to the approved address, checking the host key under the host's own name.
      extra.put(
          "GIT_SSH_COMMAND",
          "ssh -o BatchMode=yes -o HostName="
              + addresses.get(0).getHostAddress()
              + " -o HostKeyAlias="
              + url.host());
    }
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
    environment.putAll(extra);
    return environment;
  }

  private static boolean isLiteral(String host) {
    return host.startsWith("[") || host.matches("[0-9.]+");
  }

  private static String joined(List<InetAddress> addresses, boolean bracketV6) {
    return addresses.stream()
        .map(
            a ->
                a instanceof Inet6Address && bracketV6
                    ? "[" + a.getHostAddress() + "]"
                    : a.getHostAddress())
        .distinct()
        .collect(Collectors.joining(","));
  }
}
