package io.clawops.provisioner.request;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A repository URL taken apart: only {@code file}, {@code http}, {@code https} and {@code ssh} are
 * understood, because every other transport (ext, git, fd) could run commands or skip transport
 * security. Which of them a deployment accepts, and for which hosts, is {@link RepositoryPolicy}'s
 * decision.
 *
 * <p>Credentials written into the URL ({@code https://user:token@host/…}) are split off, so that
 * neither git's argv, the clone's {@code .git/config}, nor any stored or published copy holds them.
 */
public final class RepositoryUrl {

  /** The schemes a repository may use. */
  public static final Set<String> SCHEMES = Set.of("file", "http", "https", "ssh");

  private final URI uri;

  private RepositoryUrl(URI uri) {
    this.uri = uri;
  }

  /**
   * Parses a URL that passed {@link #problem(String)}.
   *
   * @throws IllegalArgumentException when it did not
   */
  public static RepositoryUrl parse(String url) {
    if (problem(url).isPresent()) {
      throw new IllegalArgumentException("not a valid repository URL");
    }
    return new RepositoryUrl(URI.create(url));
  }

  /** What is wrong with {@code url} as a repository URL, never quoting it; empty when valid. */
  public static Optional<String> problem(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of("must be a valid https, ssh, http or file URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!SCHEMES.contains(scheme) || uri.isOpaque()) {
      return Optional.of("must be an https, ssh, http or file URL");
    }
    if ("file".equals(scheme) && (uri.getRawAuthority() != null || uri.getRawQuery() != null)) {
      return Optional.of("must be a file:///absolute/path URL without host or query");
    }
    if ("ssh".equals(scheme)
        && uri.getRawUserInfo() != null
        && uri.getRawUserInfo().contains(":")) {
      return Optional.of("must not carry a password (ssh authenticates with keys)");
    }
    if (!"file".equals(scheme) && (uri.getHost() == null || uri.getHost().isBlank())) {
      return Optional.of("must name a host");
    }
    if (uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath())) {
      return Optional.of("must name a repository path");
    }
    return Optional.empty();
  }

  /** The scheme in lower case. */
  public String scheme() {
    return uri.getScheme().toLowerCase(Locale.ROOT);
  }

  /** True for http and https, the transports that take credentials. */
  public boolean isHttp() {
    return "http".equals(scheme()) || "https".equals(scheme());
  }

  /** The host in lower case; empty for file URLs. */
  public String host() {
    return uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
  }

  /** The port, or the scheme's default (443, 22, 80); -1 for file URLs. */
  public int port() {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return switch (scheme()) {
      case "https" -> 443;
      case "ssh" -> 22;
      case "http" -> 80;
      default -> -1;
    };
  }

  /** The decoded path (for file URLs, the repository's location on this machine). */
  public String path() {
    return uri.getPath();
  }

  /**
   * The URL without user and password: what git is given and what may be shown. An ssh URL keeps
   * its user name ({@code git@}), which is no secret and which the server needs.
   */
  public String withoutUserInfo() {
    if (uri.getRawUserInfo() == null || "ssh".equals(scheme())) {
      return uri.toString();
    }
    StringBuilder url = new StringBuilder(scheme()).append("://").append(uri.getHost());
    if (uri.getPort() >= 0) {
      url.append(':').append(uri.getPort());
    }
    url.append(uri.getRawPath());
    if (uri.getRawQuery() != null) {
      url.append('?').append(uri.getRawQuery());
    }
    return url.toString();
  }

  /** {@code scheme://host[:port]/}, the scope git applies a credential header to. */
  public String origin() {
    return scheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + "/";
  }

  /** The decoded {@code user:password} (or bare token) written into the URL, if any. */
  public Optional<String> userInfo() {
    if (!isHttp()) {
      return Optional.empty();
    }
    return Optional.ofNullable(uri.getUserInfo()).filter(info -> !info.isEmpty());
  }

  /** The last path segment without {@code .git}, e.g. {@code app} for {@code …/org/app.git}. */
  public String name() {
    String path = uri.getPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String last = path.substring(path.lastIndexOf('/') + 1);
    String name = last.endsWith(".git") ? last.substring(0, last.length() - 4) : last;
    return name.isEmpty() ? last : name;
  }
}
