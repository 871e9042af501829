package io.clawops.provisioner.bootstrap;

import io.clawops.provisioner.credentials.Secret;
import io.clawops.provisioner.request.ClawRequest;
import io.clawops.provisioner.sandbox.Sandbox;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The state one checklist run carries from step to step. It holds resolved credentials, so it lives
 * in memory only and never outlives the run.
 */
public final class ChecklistRun {

  private final UUID clawId;
  private final int attempt;
  private final ClawRequest request;
  private final Map<String, Secret> credentials = new HashMap<>();
  private Sandbox sandbox;
  private List<RepositoryClone> clones = List.of();

  public ChecklistRun(UUID clawId, int attempt, ClawRequest request) {
    this.clawId = clawId;
    this.attempt = attempt;
    this.request = request;
  }

  public UUID clawId() {
    return clawId;
  }

  public int attempt() {
    return attempt;
  }

  /** The request, possibly with credentials in its URLs (first attempt only). */
  public ClawRequest request() {
    return request;
  }

  /** The sandbox once {@code sandbox_created} passed, else null. */
  public Sandbox sandbox() {
    return sandbox;
  }

  void sandbox(Sandbox created) {
    this.sandbox = created;
  }

  /** Resolved credentials by credentialRef. */
  Map<String, Secret> credentials() {
    return credentials;
  }

  /** What {@code repositories_cloned} did per repository, in request order. */
  List<RepositoryClone> clones() {
    return clones;
  }

  void clones(List<RepositoryClone> results) {
    this.clones = List.copyOf(results);
  }
}
