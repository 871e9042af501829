package io.clawops.provisioner.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
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
