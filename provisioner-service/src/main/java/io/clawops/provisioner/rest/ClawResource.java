package io.clawops.provisioner.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.clawops.contracts.Digests;
import io.clawops.provisioner.bootstrap.ClawAdmission;
import io.clawops.provisioner.config.ProvisionerConfig;
import io.clawops.provisioner.request.ClawRequest;
import io.clawops.provisioner.request.ClawRequestParser;
import io.clawops.provisioner.request.InvalidClawRequestException;
import io.clawops.provisioner.request.RepositoryPolicy;
import io.clawops.provisioner.request.RepositoryUrl;
import io.clawops.support.rest.FieldError;
import io.clawops.support.rest.Problems;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code POST /api/claws}: validates a claw request and answers 202 at once; the checklist runs in
 * the background and reports on {@code claw.bootstrap}.
 */
@Path("/api/claws")
public class ClawResource {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final ClawAdmission admission;
  private final String statusBase;
  private final RepositoryPolicy repositoryPolicy;

  public ClawResource(
      ClawAdmission admission, ProvisionerConfig config, RepositoryPolicy repositoryPolicy) {
    this.admission = admission;
    this.repositoryPolicy = repositoryPolicy;
    this.statusBase = config.statusBaseUrl().map(url -> url.replaceAll("/+$", "")).orElse("");
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces({MediaType.APPLICATION_JSON, Problems.MEDIA_TYPE})
  public Response create(String body, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
    if (idempotencyKey != null && !KEY.matcher(idempotencyKey).matches()) {
      return ClawProblems.invalidRequest(
          List.of(new FieldError(IDEMPOTENCY_KEY, "must be 1 to 255 visible ASCII characters")));
    }
    try {
      JsonNode json = parse(body);
      ClawRequest request = ClawRequestParser.parse(json);
      checkRepositories(request);
      ClawAdmission.Admission admitted =
          admission.admit(
              request, Optional.ofNullable(idempotencyKey), Digests.canonicalSha256(json));
      return Response.accepted(
              new ClawAccepted(admitted.clawId(), statusBase + "/api/claws/" + admitted.clawId()))
          .type(MediaType.APPLICATION_JSON)
          .build();
    } catch (InvalidClawRequestException e) {
      return ClawProblems.invalidRequest(e.errors());
    } catch (ClawAdmission.KeyReusedException e) {
      return ClawProblems.keyReused();
    }
  }

  /** Every repository against the operator's allow-list; a refusal names the field and the rule. */
  private void checkRepositories(ClawRequest request) {
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < request.repositories().size(); i++) {
      RepositoryUrl url = RepositoryUrl.parse(request.repositories().get(i).url());
      int index = i;
      repositoryPolicy
          .check(url)
          .refusal()
          .ifPresent(why -> errors.add(new FieldError("repositories[" + index + "].url", why)));
    }
    if (!errors.isEmpty()) {
      throw new InvalidClawRequestException(errors);
    }
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      throw invalidBody("must be a JSON object");
    }
    try {
      return JSON.readTree(body);
    } catch (JsonParseException e) {
      // Only the position: Jackson's own message quotes the input, which may hold a secret.
      var at = e.getLocation();
      throw invalidBody(
          "is not valid JSON"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    } catch (JsonProcessingException e) {
      throw invalidBody("is not valid JSON");
    }
  }

  private static InvalidClawRequestException invalidBody(String message) {
    return new InvalidClawRequestException(List.of(new FieldError("body", message)));
  }
}
