package io.clawops.provisioner.bootstrap;

import io.clawops.contracts.ReasonCode;
import io.clawops.provisioner.credentials.Secret;
import io.clawops.provisioner.credentials.SecretResolver;
import io.clawops.provisioner.request.RepositoryRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code credentials_configured}: every credentialRef resolves. A missing one fails the step before
 * any clone, because a clone without it would fail anyway and look like an access problem. Evidence
 * names refs and where each was found, never a value.
 */
@ApplicationScoped
public class CredentialsStep implements ChecklistStep {

  public static final String NAME = "credentials_configured";

  private final SecretResolver secrets;

  public CredentialsStep(SecretResolver secrets) {
    this.secrets = secrets;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StepResult run(ChecklistRun run) {
    Set<String> refs = new LinkedHashSet<>();
    for (RepositoryRequest repository : run.request().repositories()) {
      if (repository.credentialRef() != null) {
        refs.add(repository.credentialRef());
      }
    }
    List<Map<String, Object>> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String ref : refs) {
      Optional<Secret> secret = secrets.resolve(ref);
      if (secret.isPresent()) {
        run.credentials().put(ref, secret.get());
        found.add(Map.of("credentialRef", ref, "source", secret.get().source()));
      } else {
        missing.add(ref);
      }
    }
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("resolved", found);
    evidence.put("missing", missing);
    if (missing.isEmpty()) {
      return StepResult.ok(null, evidence);
    }
    return StepResult.failed(ReasonCode.CREDENTIALS_MISSING, missingMessage(missing), evidence);
  }

  private static String missingMessage(List<String> missing) {
    String names = missing.stream().map(ref -> "'" + ref + "'").collect(Collectors.joining(", "));
    String first = missing.get(0);
    return (missing.size() == 1 ? "credential " + names + " is" : "credentials " + names + " are")
        + " not configured: set "
        + SecretResolver.environmentVariable(first)
        + (missing.size() == 1 ? "" : " (and the like)")
        + " or add it to the secrets file (CLAWOPS_SECRETS_FILE), then retry";
  }
}
