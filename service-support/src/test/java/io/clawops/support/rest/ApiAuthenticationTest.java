package io.clawops.support.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiAuthenticationTest {

  private final ApiAuthentication authentication = withToken("s3cret-token");

  @ParameterizedTest
  @ValueSource(strings = {"/api", "/api/", "/api/claws", "//api/claws", "/api//claws", "///api"})
  void shouldGuardEveryApiPath(String path) {
    Response refused = authentication.authenticate(request(path, null));

    assertThat(refused).isNotNull();
    assertThat(refused.getStatus()).isEqualTo(401);
    assertThat(refused.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(authentication.authenticate(request(path, "Bearer s3cret-token"))).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/q/health", "/q/metrics", "/apis", "/apiclaws", "/x/api/claws"})
  void shouldLeaveOtherPathsOpen(String path) {
    assertThat(authentication.authenticate(request(path, null))).isNull();
  }

  @Test
  void shouldRefuseEveryApiRequestWhenNoTokenIsConfigured() {
    ApiAuthentication unconfigured = new ApiAuthentication(new SmallRyeConfigBuilder().build());

    assertThat(unconfigured.authenticate(request("/api/claws", "Bearer ")).getStatus())
        .isEqualTo(401);
    assertThat(unconfigured.authenticate(request("/api/claws", "Bearer s3cret-token")).getStatus())
        .isEqualTo(401);
  }

  @Test
  void shouldLetThePageSignInWithoutCredentialsButNotSignOut() {
    assertThat(authentication.authenticate(request("/api/session", "POST", null, null))).isNull();
    assertThat(
            authentication.authenticate(request("/api/session", "DELETE", null, null)).getStatus())
        .isEqualTo(401);
    assertThat(authentication.authenticate(request("/api/session", "GET", null, null)).getStatus())
        .isEqualTo(401);
    assertThat(
            authentication.authenticate(request("/api/session/x", "POST", null, null)).getStatus())
        .isEqualTo(401);
  }

  @Test
  void shouldIssueASessionCookieOnlyForTheRightToken() {
    assertThat(authentication.signIn("wrong-token", Instant.now(), false)).isEmpty();
    assertThat(authentication.signIn("", Instant.now(), false)).isEmpty();

    NewCookie cookie = authentication.signIn("s3cret-token", Instant.now(), false).orElseThrow();

    assertThat(cookie.getName()).isEqualTo(SessionCookie.NAME);
    assertThat(cookie.getValue()).doesNotContain("s3cret-token");
    assertThat(cookie.isHttpOnly()).isTrue();
    assertThat(cookie.getSameSite()).isEqualTo(NewCookie.SameSite.STRICT);
    assertThat(cookie.getPath()).isEqualTo("/api");
    assertThat(cookie.getMaxAge()).isEqualTo((int) SessionCookie.LIFETIME.toSeconds());
    assertThat(authentication.signOut(false).getMaxAge()).isZero();
  }

  @Test
  void shouldAcceptTheSessionCookieForReadsAndForChangesThatCarryThePageHeader() {
    String session =
        authentication.signIn("s3cret-token", Instant.now(), false).orElseThrow().getValue();

    assertThat(authentication.authenticate(request("/api/claws", "GET", session, null))).isNull();
    assertThat(authentication.authenticate(request("/api/stream", "GET", session, null))).isNull();
    assertThat(authentication.authenticate(request("/api/claws/1/retry", "POST", session, "1")))
        .isNull();
    // A cross-site form post can carry the cookie (were SameSite ignored) but not the header.
    assertThat(
            authentication
                .authenticate(request("/api/claws/1/retry", "POST", session, null))
                .getStatus())
        .isEqualTo(401);
    assertThat(
            authentication.authenticate(request("/api/claws", "GET", "1.forged", null)).getStatus())
        .isEqualTo(401);
  }

  @Test
  void shouldRefuseASessionIssuedUnderAnotherToken() {
    String other =
        withToken("other-token")
            .signIn("other-token", Instant.now(), false)
            .orElseThrow()
            .getValue();

    assertThat(authentication.authenticate(request("/api/claws", "GET", other, null)).getStatus())
        .isEqualTo(401);
  }

  private static ApiAuthentication withToken(String token) {
    return new ApiAuthentication(
        new SmallRyeConfigBuilder()
            .withDefaultValue(ApiAuthentication.TOKEN_PROPERTY, token)
            .build());
  }

  /** A request of which the filter reads only the path and the Authorization header. */
  private static ContainerRequestContext request(String path, String authorization) {
    UriInfo uri =
        proxy(UriInfo.class, method -> method.equals("getPath") ? path : unsupported(method));
    return proxy(
        ContainerRequestContext.class,
        (method, args) ->
            switch (method) {
              case "getUriInfo" -> uri;
              case "getHeaderString" -> authorization;
              case "getMethod" -> "GET";
              case "getCookies" -> Map.of();
              default -> unsupported(method);
            });
  }

  /** A request without Authorization header, with a session cookie and the page header. */
  private static ContainerRequestContext request(
      String path, String httpMethod, String session, String pageHeader) {
    UriInfo uri =
        proxy(UriInfo.class, method -> method.equals("getPath") ? path : unsupported(method));
    Map<String, Cookie> cookies =
        session == null
            ? Map.of()
            : Map.of(
                SessionCookie.NAME, new Cookie.Builder(SessionCookie.NAME).value(session).build());
    return proxy(
        ContainerRequestContext.class,
        (method, args) ->
            switch (method) {
              case "getUriInfo" -> uri;
              case "getHeaderString" ->
                  ApiAuthentication.PAGE_HEADER.equals(args[0]) ? pageHeader : null;
              case "getMethod" -> httpMethod;
              case "getCookies" -> cookies;
              default -> unsupported(method);
            });
  }

  private static <T> T proxy(Class<T> type, Function<String, Object> answer) {
    return proxy(type, (method, args) -> answer.apply(method));
  }

  private static <T> T proxy(Class<T> type, BiFunction<String, Object[], Object> answer) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) -> answer.apply(method.getName(), args)));
  }

  private static Object unsupported(String method) {
    throw new UnsupportedOperationException(method);
  }
}
