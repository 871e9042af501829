package io.clawops.provisioner.rest;

import io.clawops.provisioner.config.ProvisionerConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Requires the bearer token on every {@code /api} request, before any resource matching, so an
 * unauthenticated caller cannot even learn which paths exist. Health and metrics are not served
 * under {@code /api} and stay open.
 */
@ApplicationScoped
public class ApiAuthentication {

  private static final Logger LOG = Logger.getLogger(ApiAuthentication.class);

  private final BearerTokenCheck check;

  public ApiAuthentication(ProvisionerConfig config) {
    this.check = new BearerTokenCheck(config.apiToken());
  }

  void onStart(@Observes StartupEvent event) {
    if (!check.configured()) {
      LOG.error(
          "No API token configured (clawops.api-token / CLAWOPS_API_TOKEN): every /api request"
              + " is refused with 401 until one is set");
    }
  }

  /** Lets the request through (null) or answers 401. */
  @ServerRequestFilter(preMatching = true)
  public Response authenticate(ContainerRequestContext request) {
    if (!isApi(request.getUriInfo().getPath())) {
      return null;
    }
    return check.accepts(request.getHeaderString(HttpHeaders.AUTHORIZATION))
        ? null
        : Problems.unauthorized();
  }

  private static boolean isApi(String path) {
    // Collapsed slashes: "//api/claws" must not slip past a plain prefix check.
    String normalized = path.replaceAll("/{2,}", "/");
    return normalized.equals("/api") || normalized.startsWith("/api/");
  }
}
