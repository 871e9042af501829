package io.clawops.provisioner.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every setting of the provisioner, read from {@code clawops.*} (env {@code CLAWOPS_*}). */
@ConfigMapping(prefix = "clawops")
public interface ProvisionerConfig {

  /**
   * Bearer token every /api request must carry (CLAWOPS_API_TOKEN); unset refuses every call. Read
   * by the shared io.clawops.support.rest.ApiAuthentication filter.
   */
  Optional<String> apiToken();

  /** Directory with one workspace per claw and the provisioner's state in .clawops/. */
  @WithDefault("${java.io.tmpdir}/clawops-workspaces")
  Path workspacesRoot();

  /** JSON or properties file of credential values by credentialRef (CLAWOPS_SECRETS_FILE). */
  Optional<Path> secretsFile();

  /** Base URL of the status service for statusUrl; unset answers a path relative to it. */
  Optional<String> statusBaseUrl();

  /** Names this instance in the source of every envelope: provisioner/instance-id. */
  @WithDefault("${HOSTNAME:provisioner}")
  String instanceId();

  /** Settings of the checklist runs. */
  Bootstrap bootstrap();

  /** Settings of the git clones. */
  Git git();

  /** Which repository URLs a claw may name (README "Repository URLs"). */
  Repositories repositories();

  /** The allow-list of repository URLs, checked on every request and again before every clone. */
  interface Repositories {

    /** URL schemes a repository may use, from https, ssh, http and file. */
    @WithDefault("https,ssh")
    List<String> allowedSchemes();

    /** Hosts a repository may live on: names, or *.domain for its subdomains; * for any host. */
    @WithDefault("*")
    List<String> allowedHosts();

    /**
     * Hosts that may resolve to loopback, private or link-local addresses (an internal git server);
     * every other host must resolve to public addresses only. Metadata addresses stay refused.
     */
    Optional<List<String>> privateHosts();

    /** Directories under which file:// repositories may live (needs file in allowed-schemes). */
    Optional<List<Path>> fileRoots();
  }

  /** Settings of the checklist runs. */
  interface Bootstrap {

    /** How many checklists run at once; more wait in a queue. */
    @WithDefault("4")
    int concurrency();
  }

  /** Settings of the git clones. */
  interface Git {

    /** Time one clone attempt may take before its process tree is killed. */
    @WithDefault("5M")
    Duration cloneTimeout();

    /** Retries of a clone after a transient failure (network, 5xx, timeout). */
    @WithDefault("3")
    int maxRetries();

    /** Pause between clone attempts in milliseconds (a number: Fault Tolerance reads it too). */
    @WithDefault("2000")
    long retryDelay();
  }
}
