package io.clawops.provisioner.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The allow-list's rules under the defaults an operator of a shared control plane gets. */
class RepositoryPolicyTest {

  private static final Map<String, String> DNS =
      Map.of(
          "git.example.com", "140.82.112.3",
          "internal.example.com", "10.20.30.40",
          "rebind.example.com", "127.0.0.1",
          "meta.example.com", "169.254.169.254");

  private static final RepositoryPolicy.Resolver RESOLVER =
      host -> {
        String address = DNS.get(host);
        if (address == null) {
          return List.of(InetAddress.getByName(host.matches("[0-9.:]+") ? host : "invalid."));
        }
        return List.of(InetAddress.getByName(address));
      };

  private static RepositoryPolicy defaults() {
    return new RepositoryPolicy(
        List.of("https", "ssh"), List.of("*"), List.of(), List.of(), Path.of("ws"), RESOLVER);
  }

  private static String refusal(RepositoryPolicy policy, String url) {
    return policy.check(RepositoryUrl.parse(url)).refusal().orElse("accepted");
  }

  @Test
  void shouldAcceptHttpsAndSshToPublicHostsByDefault() {
    assertThat(refusal(defaults(), "https://git.example.com/org/app.git")).isEqualTo("accepted");
    assertThat(refusal(defaults(), "ssh://git@git.example.com/org/app.git")).isEqualTo("accepted");
    assertThat(defaults().check(RepositoryUrl.parse("https://git.example.com/a.git")).addresses())
        .extracting(InetAddress::getHostAddress)
        .containsExactly("140.82.112.3");
  }

  @Test
  void shouldRefuseFileAndHttpByDefault() {
    assertThat(refusal(defaults(), "file:///srv/git/app.git")).contains("scheme file");
    assertThat(refusal(defaults(), "http://git.example.com/org/app.git")).contains("scheme http");
  }

  @Test
  void shouldCheckTheResolvedAddressNotTheName() {
    assertThat(refusal(defaults(), "https://internal.example.com/a.git")).contains("private");
    assertThat(refusal(defaults(), "https://rebind.example.com/a.git")).contains("loopback");
    assertThat(refusal(defaults(), "https://meta.example.com/a.git")).contains("metadata");
  }

  @Test
  void shouldLetListedPrivateHostsThroughButNeverToMetadata() {
    RepositoryPolicy policy =
        new RepositoryPolicy(
            List.of("https"),
            List.of("*"),
            List.of("internal.example.com", "meta.example.com"),
            List.of(),
            Path.of("ws"),
            RESOLVER);

    assertThat(refusal(policy, "https://internal.example.com/a.git")).isEqualTo("accepted");
    assertThat(refusal(policy, "https://rebind.example.com/a.git")).contains("loopback");
    assertThat(refusal(policy, "https://meta.example.com/a.git")).contains("metadata");
  }

  @Test
  void shouldLimitHostsToTheAllowedPatterns() {
    RepositoryPolicy policy =
        new RepositoryPolicy(
            List.of("https"),
            List.of("*.example.com"),
            List.of(),
            List.of(),
            Path.of("ws"),
            RESOLVER);

    assertThat(refusal(policy, "https://git.example.com/a.git")).isEqualTo("accepted");
    assertThat(refusal(policy, "https://140.82.112.3/a.git")).contains("allowed-hosts");
  }

  @Test
  void shouldAcceptAnUnresolvableHostForNowAndSaySo() throws UnknownHostException {
    RepositoryPolicy.Verdict verdict =
        defaults().check(RepositoryUrl.parse("https://nowhere.example.com/a.git"));

    assertThat(verdict.refusal()).isEmpty();
    assertThat(verdict.resolved()).isFalse();
  }
}
