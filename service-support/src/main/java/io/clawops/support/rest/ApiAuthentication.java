package io.clawops.support.rest;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Requires the bearer token on every {@code /api} request, before any resource matching, so an
 * unauthenticated caller cannot even learn which paths exist. Health and metrics are not served
 * under {@code /api} and stay open.
 */
@ApplicationScoped
public class ApiAuthentication {

  /** The token's property (env {@code CLAWOPS_API_TOKEN}). */
  public static final String TOKEN_PROPERTY = "clawops.api-token";

  private static final Logger LOG = Logger.getLogger(ApiAuthentication.class);

  private final BearerTokenCheck check;

  public ApiAuthentication(Config config) {
    // Read by name rather than through a mapping: each service's own @ConfigMapping(prefix =
    // "clawops") declares and documents apiToken(), and this shared module cannot know those
    // interfaces. A plain read next to a mapping of the same property is fine for SmallRye Config.
    this.check = new BearerTokenCheck(config.getOptionalValue(TOKEN_PROPERTY, String.class));
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

  static boolean isApi(String path) {
    // Collapsed slashes: "//api/claws" must not slip past a plain prefix check.
    String normalized = path.replaceAll("/{2,}", "/");
    return normalized.equals("/api") || normalized.startsWith("/api/");
  }
}
