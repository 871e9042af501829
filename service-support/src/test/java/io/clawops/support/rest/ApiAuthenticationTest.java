package io.clawops.support.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
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
        method ->
            switch (method) {
              case "getUriInfo" -> uri;
              case "getHeaderString" -> authorization;
              default -> unsupported(method);
            });
  }

  private static <T> T proxy(Class<T> type, Function<String, Object> answer) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) -> answer.apply(method.getName())));
  }

  private static Object unsupported(String method) {
    throw new UnsupportedOperationException(method);
  }
}
