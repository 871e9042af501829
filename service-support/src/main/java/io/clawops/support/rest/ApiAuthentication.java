package io.clawops.support.rest;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Requires the bearer token on every {@code /api} request, before any resource matching, so an
 * unauthenticated caller cannot even learn which paths exist. Health and metrics are not served
 * under {@code /api} and stay open.
 *
 * <p>The operator page signs in instead with a {@link SessionCookie} it gets from {@code POST
 * /api/session} (the only {@code /api} call open without credentials; {@code DELETE}, with the
 * session, signs out). A request carried by the cookie alone that changes something must also send
 * {@link #PAGE_HEADER}, which a cross-site form cannot set.
 */
@ApplicationScoped
public class ApiAuthentication {

  /** The token's property (env {@code CLAWOPS_API_TOKEN}). */
  public static final String TOKEN_PROPERTY = "clawops.api-token";

  /**
   * The header a cookie-authenticated {@code POST} or {@code DELETE} must carry, value {@code 1}.
   */
  public static final String PAGE_HEADER = "X-ClawOps-Page";

  /** The path where the page exchanges the token for a session cookie. */
  public static final String SESSION_PATH = "/api/session";

  private static final Logger LOG = Logger.getLogger(ApiAuthentication.class);

  private final BearerTokenCheck check;
  private final SessionCookie sessions;

  public ApiAuthentication(Config config) {
    // Read by name rather than through a mapping: each service's own @ConfigMapping(prefix =
    // "clawops") declares and documents apiToken(), and this shared module cannot know those
    // interfaces. A plain read next to a mapping of the same property is fine for SmallRye Config.
    Optional<String> token = config.getOptionalValue(TOKEN_PROPERTY, String.class);
    this.check = new BearerTokenCheck(token);
    this.sessions = new SessionCookie(token);
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
    String path = request.getUriInfo().getPath();
    if (!isApi(path)) {
      return null;
    }
    if (check.accepts(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
      return null;
    }
    String method = request.getMethod();
    if (isSessionExchange(path, method) || hasSession(request, method)) {
      return null;
    }
    return Problems.unauthorized();
  }

  /**
   * The session cookie for the sign-in form's {@code token}, or empty when it is not the API token
   * (compared in constant time).
   */
  public Optional<NewCookie> signIn(String token, Instant now, boolean secure) {
    if (!check.acceptsToken(token)) {
      return Optional.empty();
    }
    Instant expiresAt = now.plus(SessionCookie.LIFETIME);
    return sessions
        .issue(expiresAt)
        .map(value -> cookie(value, (int) SessionCookie.LIFETIME.toSeconds(), secure));
  }

  /** A cookie that deletes the session cookie in the browser. */
  public NewCookie signOut(boolean secure) {
    return cookie("", 0, secure);
  }

  private boolean hasSession(ContainerRequestContext request, String method) {
    Cookie cookie = request.getCookies().get(SessionCookie.NAME);
    if (cookie == null || !sessions.accepts(cookie.getValue(), Instant.now())) {
      return false;
    }
    boolean safe = "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    return safe || "1".equals(request.getHeaderString(PAGE_HEADER));
  }

  private static NewCookie cookie(String value, int maxAge, boolean secure) {
    // Path /api: the browser sends it to the API only, never with the page's static files.
    return new NewCookie.Builder(SessionCookie.NAME)
        .value(value)
        .path("/api")
        .maxAge(maxAge)
        .httpOnly(true)
        .secure(secure)
        .sameSite(NewCookie.SameSite.STRICT)
        .build();
  }

  static boolean isSessionExchange(String path, String method) {
    // Only the sign-in itself; signing out needs the session it ends, like every other call.
    return normalize(path).equals(SESSION_PATH) && "POST".equals(method);
  }

  static boolean isApi(String path) {
    // Collapsed slashes: "//api/claws" must not slip past a plain prefix check.
    String normalized = normalize(path);
    return normalized.equals("/api") || normalized.startsWith("/api/");
  }

  private static String normalize(String path) {
    return path.replaceAll("/{2,}", "/");
  }
}
