package io.clawops.provisioner.request;

import io.clawops.provisioner.config.ProvisionerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator's allow-list of repository URLs (clawops.repositories.*): which schemes, which
 * hosts, which addresses those hosts may resolve to, and under which folders file:// repositories
 * may live. A claw workspace is never a clone source, whatever the configuration says.
 *
 * <p>It is checked when a request arrives (a refusal is a 400) and again right before each clone,
 * where the addresses found are the ones git is pinned to, so a name that resolves differently the
 * second time cannot lead git elsewhere.
 */
@ApplicationScoped
public class RepositoryPolicy {

  /** Resolves a host name to its addresses; a seam for the rules' tests. */
  @FunctionalInterface
  public interface Resolver {
    /** Every address of {@code host}. */
    List<InetAddress> resolve(String host) throws UnknownHostException;
  }

  /**
   * The outcome of a check: a refusal (one line naming the rule, never quoting the URL) or the
   * addresses the host resolved to (empty for file URLs and for a host that did not resolve).
   */
  public record Verdict(Optional<String> refusal, List<InetAddress> addresses, boolean resolved) {

    static Verdict refuse(String why) {
      return new Verdict(Optional.of(why), List.of(), false);
    }
  }

  private final Set<String> schemes;
  private final List<String> hosts;
  private final List<String> privateHosts;
  private final List<Path> fileRoots;
  private final Path workspacesRoot;
  private final Resolver resolver;

  @Inject
  public RepositoryPolicy(ProvisionerConfig config) {
    this(
        config.repositories().allowedSchemes(),
        config.repositories().allowedHosts(),
        config.repositories().privateHosts().orElse(List.of()),
        config.repositories().fileRoots().orElse(List.of()),
        config.workspacesRoot(),
        host -> Arrays.asList(InetAddress.getAllByName(host)));
  }

  /** A policy from explicit settings. */
  public RepositoryPolicy(
      List<String> schemes,
      List<String> hosts,
      List<String> privateHosts,
      List<Path> fileRoots,
      Path workspacesRoot,
      Resolver resolver) {
    this.schemes =
        schemes.stream()
            .map(s -> s.trim().toLowerCase(Locale.ROOT))
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
    this.hosts = lowerCase(hosts);
    this.privateHosts = lowerCase(privateHosts);
    this.fileRoots = fileRoots.stream().map(RepositoryPolicy::realPath).toList();
    this.workspacesRoot = realPath(workspacesRoot);
    this.resolver = resolver;
  }

  /** Checks {@code url} against every rule, resolving its host. */
  public Verdict check(RepositoryUrl url) {
    if (!schemes.contains(url.scheme())) {
      return Verdict.refuse(
          "scheme " + url.scheme() + " is not allowed here (clawops.repositories.allowed-schemes)");
    }
    if ("file".equals(url.scheme())) {
      return checkFile(url.path());
    }
    String host = url.host();
    if (!matchesAny(host, hosts)) {
      return Verdict.refuse("host is not allowed here (clawops.repositories.allowed-hosts)");
    }
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(stripBrackets(host));
    } catch (UnknownHostException e) {
      // Not bad input: DNS may answer later. The clone-time check refuses to clone unresolved.
      return new Verdict(Optional.empty(), List.of(), false);
    }
    boolean privateAllowed = matchesAny(host, privateHosts);
    for (InetAddress address : addresses) {
      if (AddressRules.isMetadata(address)) {
        return Verdict.refuse("host resolves to a cloud metadata address, which is never allowed");
      }
      if (!privateAllowed && AddressRules.isNonPublic(address)) {
        return Verdict.refuse(
            "host resolves to a loopback, private, link-local or reserved address"
                + " (clawops.repositories.private-hosts lists hosts allowed to)");
      }
    }
    return new Verdict(Optional.empty(), List.copyOf(addresses), true);
  }

  private Verdict checkFile(String rawPath) {
    Path path = realPath(Path.of(rawPath));
    if (path.startsWith(workspacesRoot)) {
      return Verdict.refuse("must not point into a claw workspace");
    }
    if (fileRoots.stream().noneMatch(path::startsWith)) {
      return Verdict.refuse(
          "file repositories must lie under a configured folder (clawops.repositories.file-roots)");
    }
    return new Verdict(Optional.empty(), List.of(), true);
  }

  /**
   * The absolute path with every symbolic link of its existing part resolved, so that neither
   * {@code ..} nor a link inside an allowed folder can lead out of it.
   */
  private static Path realPath(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path existing = absolute;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return absolute;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
    } catch (IOException e) {
      return absolute;
    }
  }

  private static boolean matchesAny(String host, List<String> patterns) {
    for (String pattern : patterns) {
      if (pattern.equals("*") || pattern.equals(host)) {
        return true;
      }
      if (pattern.startsWith("*.") && host.endsWith(pattern.substring(1))) {
        return true;
      }
    }
    return false;
  }

  private static String stripBrackets(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static List<String> lowerCase(List<String> values) {
    return values.stream()
        .map(v -> v.trim().toLowerCase(Locale.ROOT))
        .filter(v -> !v.isEmpty())
        .toList();
  }
}
