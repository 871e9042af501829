package io.clawops.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DigestsTest {

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void shouldHashTextAsLowercaseHexSha256() {
    assertThat(Digests.sha256("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void shouldDigestJsonIndependentlyOfKeyOrderAtEveryLevel() throws Exception {
    JsonNode one =
        json.readTree("{\"command\":\"make\",\"env\":{\"A\":1,\"B\":[{\"x\":1,\"y\":2}]},\"n\":1}");
    JsonNode other =
        json.readTree("{\"n\":1,\"env\":{\"B\":[{\"y\":2,\"x\":1}],\"A\":1},\"command\":\"make\"}");

    assertThat(Digests.canonicalSha256(one)).isEqualTo(Digests.canonicalSha256(other));
  }

  @Test
  void shouldDigestTheCompactSortedForm() throws Exception {
    JsonNode input = json.readTree("{ \"b\" : 1, \"a\" : [ true, null ] }");

    assertThat(Digests.canonicalSha256(input))
        .isEqualTo(Digests.sha256("{\"a\":[true,null],\"b\":1}"));
  }

  @Test
  void shouldDistinguishDifferentValuesAndArrayOrder() throws Exception {
    String sudo = Digests.canonicalSha256(json.readTree("{\"command\":\"sudo make\"}"));
    String make = Digests.canonicalSha256(json.readTree("{\"command\":\"make\"}"));
    String ab = Digests.canonicalSha256(json.readTree("[\"a\",\"b\"]"));
    String ba = Digests.canonicalSha256(json.readTree("[\"b\",\"a\"]"));

    assertThat(sudo).isNotEqualTo(make);
    assertThat(ab).isNotEqualTo(ba);
  }

  @Test
  void shouldDigestAbsentInputAsJsonNull() {
    assertThat(Digests.canonicalSha256(null)).isEqualTo(Digests.sha256("null"));
  }
}
