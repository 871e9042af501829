package io.clawops.modelprovider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider over real HTTP on loopback, in each wire format. */
class ScriptedModelProviderTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private ScriptedModelProvider provider;

  @BeforeEach
  void start() throws IOException {
    provider = ScriptedModelProvider.start(0, null);
  }

  @AfterEach
  void stop() {
    provider.close();
  }

  @Test
  void shouldStreamAToolCallThenAnAnswerInTheAnthropicFormat() throws Exception {
    HttpResponse<String> first =
        post("/v1/messages", "{\"model\":\"scripted-healthy\",\"stream\":true,\"messages\":[]}");

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body())
        .contains("event: message_start")
        .contains("\"type\":\"tool_use\"")
        .contains("input_json_delta")
        .contains("event: message_stop");

    HttpResponse<String> second =
        post(
            "/v1/messages",
            "{\"model\":\"scripted-healthy\",\"stream\":true,\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"content\":\"ok\"}]}]}");
    assertThat(second.body()).contains(Script.DONE).contains("end_turn");
  }

  @Test
  void shouldChangeCourseAfterAHubMessage() throws Exception {
    String before = "{\"model\":\"scripted-sudo-loop\",\"stream\":true,\"messages\":[]}";
    String after =
        "{\"model\":\"scripted-sudo-loop\",\"stream\":true,\"messages\":[{\"role\":\"user\","
            + "\"content\":\""
            + Conversation.HUB_MARKER
            + ": no sudo\"}]}";

    assertThat(post("/v1/messages", before).body()).contains("sudo make install");
    assertThat(post("/v1/messages", after).body()).contains(Script.DONE);
  }

  @Test
  void shouldAnswerTheScriptedFailuresWithTheirStatus() throws Exception {
    assertThat(post("/v1/messages", "{\"model\":\"scripted-429\"}").statusCode()).isEqualTo(429);
    assertThat(post("/v1/messages", "{\"model\":\"scripted-529\"}").statusCode()).isEqualTo(529);
    assertThat(post("/v1/responses", "{\"model\":\"scripted-529\"}").statusCode()).isEqualTo(503);
    HttpResponse<String> context = post("/v1/messages", "{\"model\":\"scripted-context\"}");
    assertThat(context.statusCode()).isEqualTo(400);
    assertThat(context.body()).contains("prompt is too long");
  }

  @Test
  void shouldEchoTheKeyItWasGivenWhenRejectingIt() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(provider.baseUrl() + "/v1/responses"))
            .header("Authorization", "Bearer sk-test-echo-123")
            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"scripted-401\"}"))
            .build();

    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("sk-test-echo-123");
  }

  @Test
  void shouldCallTheShellToolInTheGeminiAndOpenAiFormats() throws Exception {
    String gemini =
        post(
                "/v1beta/models/scripted-healthy:streamGenerateContent?alt=sse",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"go\"}]}]}")
            .body();
    assertThat(gemini)
        .startsWith("data: ")
        .contains("\"functionCall\"")
        .contains("run_shell_command");

    String openAi =
        post(
                "/v1/responses",
                "{\"model\":\"scripted-healthy\",\"tools\":[{\"type\":\"function\",\"name\":\"shell\","
                    + "\"parameters\":{\"properties\":{\"command\":{\"type\":\"array\"}}}}],\"input\":[]}")
            .body();
    assertThat(openAi)
        .contains("response.output_item.done")
        .contains("\"name\":\"shell\"")
        .contains("[\\\"bash\\\",\\\"-lc\\\"")
        .contains("response.completed");
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(provider.baseUrl() + path))
            .header("x-api-key", "sk-test-key")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
