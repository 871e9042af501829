package io.clawops.e2e.page;

import static io.clawops.e2e.page.OperatorPage.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clawops.e2e.system.ClawOpsSystem;
import io.clawops.e2e.system.ClawRequest;
import io.clawops.e2e.system.EndToEnd;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The operator page served by status-service, driven in real headless Chromium against the packaged
 * services: sign-in, the live board and its filters, a claw's page and its actions.
 */
@EndToEnd
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorPageIT {

  private final ClawOpsSystem system;
  private ChromeDriver chrome;
  private OperatorPage page;

  OperatorPageIT(ClawOpsSystem system) {
    this.system = system;
  }

  @BeforeAll
  void startBrowser() {
    chrome = Browser.start();
    page = new OperatorPage(chrome, system.api().statusUrl());
  }

  @AfterAll
  void stopBrowser() {
    if (chrome != null) {
      chrome.quit();
    }
  }

  @Test
  void shouldRefuseAWrongTokenWithAClearMessage() {
    page.openSignedOut();

    page.typeToken("not-the-token");

    eventually(
        () ->
            assertThat(page.text("sign-in-error"))
                .startsWith("Wrong token: this is not the API token"));
    assertThat(chrome.findElement(By.id("board")).isDisplayed()).isFalse();
    assertThat(page.sessionCookie()).isNull();
  }

  @Test
  void shouldShowTheFleetStripWithEveryRunnerAndItsSlots() {
    page.signIn(system.api().token());

    // The strip comes from GET /api/runners: each runner of the system, live, with its slots.
    eventually(
        () -> {
          assertThat(chrome.findElement(By.id("fleet")).isDisplayed()).isTrue();
          String strip = page.text("fleet-runners");
          for (String runnerId : system.runnerIds()) {
            assertThat(strip).contains(runnerId + " live");
          }
          assertThat(strip).contains("slots busy");
          assertThat(page.text("fleet-queue")).isNotBlank();
        });
  }

  @Test
  void shouldSignInWithoutTheTokenInAnyUrlAndSignOut() {
    page.signIn(system.api().token());

    assertThat(chrome.getCurrentUrl()).doesNotContain(system.api().token());
    Map<String, Object> cookie = page.sessionCookie();
    assertThat(cookie).isNotNull();
    assertThat(cookie.get("httpOnly")).isEqualTo(true);
    assertThat(cookie.get("sameSite")).isEqualTo("Strict");
    assertThat((String) cookie.get("value")).doesNotContain(system.api().token());
    // The page's own scripts cannot read the session.
    assertThat((String) chrome.executeScript("return document.cookie;")).isEmpty();

    page.button("sign-out").click();

    eventually(() -> assertThat(page.text("sign-in-error")).isEqualTo("Signed out."));
    assertThat(page.sessionCookie()).isNull();
    chrome.navigate().refresh();
    eventually(() -> assertThat(chrome.findElement(By.id("token")).isDisplayed()).isTrue());
  }

  @Test
  void shouldShowEveryClawReachItsStatusLiveAndFilterThem() {
    String workflowRunId = "page-" + UUID.randomUUID();
    page.signIn(system.api().token());
    page.filter(null, workflowRunId, null, null);
    eventually(() -> assertThat(page.text("claws-empty")).isEqualTo("No claw matches."));
    page.markDocument();

    Map<String, UUID> claws =
        Map.of(
            // Generous idle limits: a busy machine must not turn the healthy run into a stall.
            "completed",
                create(
                    ClawRequest.scenario("healthy").timeout("idleSeconds", 30),
                    workflowRunId,
                    true),
            "workspace_incomplete", create(ClawRequest.scenario("healthy"), workflowRunId, false),
            "model_timeout",
                create(
                    ClawRequest.scenario("model-timeout wait-ms=100").timeout("idleSeconds", 30),
                    workflowRunId,
                    true),
            "stalled",
                create(
                    ClawRequest.scenario("hang")
                        .timeout("idleSeconds", 3)
                        .timeout("runSeconds", 60),
                    workflowRunId,
                    true));

    claws.forEach(
        (status, clawId) ->
            eventually(() -> assertThat(page.boardStatus(clawId)).as(status).isEqualTo(status)));
    assertThat(page.documentStillMarked()).as("the board updated without a reload").isTrue();
    UUID completed = claws.get("completed");
    assertThat(page.boardCell(completed, "attempt")).isEqualTo("1 of 3");
    assertThat(page.boardCell(claws.get("workspace_incomplete"), "reason"))
        .contains("platform.repo_missing");
    assertThat(page.boardClawIds()).hasSize(4);
    Browser.screenshot(chrome, "board");

    page.clickCount("workspace_incomplete");
    eventually(
        () ->
            assertThat(page.boardClawIds())
                .containsExactly(claws.get("workspace_incomplete").toString()));

    String runner = system.api().claw(completed).at("/run/runnerId").asText();
    page.filter(null, workflowRunId, runner, null);
    eventually(
        () -> {
          assertThat(page.boardClawIds()).contains(completed.toString());
          assertThat(page.boardClawIds())
              .doesNotContain(claws.get("workspace_incomplete").toString());
          assertThat(page.text("claws-caption")).contains("runner " + runner);
        });

    page.filter(null, workflowRunId, null, "30");
    eventually(() -> assertThat(page.text("claws-empty")).isEqualTo("No claw matches."));

    page.filter(null, workflowRunId, null, null);
    chrome.manage().window().setSize(new Dimension(420, 900));
    eventually(() -> assertThat(page.boardClawIds()).hasSize(4));
    Browser.screenshot(chrome, "board-narrow");
    chrome.manage().window().setSize(new Dimension(1280, 1000));
  }

  @Test
  void shouldShowTheFailedStepAndItsRemediationOnTheClawsPage() {
    UUID clawId = create(ClawRequest.scenario("healthy"), "page-" + UUID.randomUUID(), false);
    system.api().awaitStatus(clawId, "workspace_incomplete");
    page.signIn(system.api().token());

    page.filter(null, system.api().claw(clawId).get("workflowRunId").asText(), null, null);
    eventually(() -> assertThat(page.boardStatus(clawId)).isEqualTo("workspace_incomplete"));
    page.openClaw(clawId);

    eventually(
        () -> {
          assertThat(page.answer())
              .contains("workspace_incomplete", "platform.repo_missing", "required repository");
          assertThat(page.answer()).containsPattern("Remediation\\s+\\S+");
          assertThat(page.answer()).doesNotContain("Remediation\n—");
        });
    String verified =
        page.tableRows("bootstrap").stream()
            .filter(row -> row.startsWith("repositories_verified"))
            .findFirst()
            .orElseThrow();
    // The failed step, its reason and message, and the evidence: app's head, docs missing.
    assertThat(verified)
        .contains("failed", "platform.repo_missing", "required repository 'docs'")
        .containsPattern("app: present head [0-9a-f]{12}")
        .contains("docs: missing");
    assertThat(page.tableRows("conditions"))
        .anySatisfy(row -> assertThat(row).startsWith("WorkspaceReady | False"));
    Browser.screenshot(chrome, "claw-workspace-incomplete");
  }

  @Test
  void shouldRetryAModelTimeoutOnAChosenProfileAndShowAttemptTwo() {
    UUID clawId =
        create(
            ClawRequest.scenario("model-timeout wait-ms=100").timeout("idleSeconds", 30),
            "page-" + UUID.randomUUID(),
            true);
    system.api().awaitStatus(clawId, "model_timeout");
    page.signIn(system.api().token());
    page.visitClaw(clawId);
    eventually(() -> assertThat(page.button("retry").isEnabled()).isTrue());

    page.chooseProfile("primary");
    page.actAndConfirm("retry");

    eventually(
        () -> assertThat(page.text("action-answer")).isEqualTo("Retry: accepted (HTTP 202)."));
    eventually(
        () ->
            assertThat(page.tableRows("runs"))
                .anySatisfy(row -> assertThat(row).startsWith("2 of 3 |").contains("primary")));
    eventually(() -> assertThat(page.answer()).contains("model_timeout", "2 of 3"));
    Browser.screenshot(chrome, "claw-retried");
  }

  @Test
  void shouldCancelAHangingClawAndRefuseARetryWhileItRuns() {
    UUID clawId =
        create(
            ClawRequest.scenario("hang").timeout("idleSeconds", 120).timeout("runSeconds", 120),
            "page-" + UUID.randomUUID(),
            true);
    system.api().awaitStatus(clawId, "running");
    page.signIn(system.api().token());
    page.visitClaw(clawId);

    eventually(
        () -> {
          assertThat(page.button("retry").isEnabled()).isFalse();
          assertThat(page.text("retry-why"))
              .isEqualTo("Not now: the claw is running; nothing to retry");
          assertThat(page.button("cancel").isEnabled()).isTrue();
        });

    page.actAndConfirm("cancel");

    eventually(
        () -> assertThat(page.text("action-answer")).isEqualTo("Cancel: accepted (HTTP 202)."));
    eventually(() -> assertThat(page.answer()).contains("cancelled", "platform.cancelled"));
    eventually(() -> assertThat(page.button("cancel").isEnabled()).isFalse());
    assertThat(page.text("cancel-why")).isEqualTo("Not now: the claw is already cancelled");
    JsonNode claw = system.api().claw(clawId);
    assertThat(claw.get("status").asText()).isEqualTo("cancelled");
  }

  /** A claw with repository {@code app}; without {@code repositoryExists} also a missing one. */
  private UUID create(ClawRequest request, String workflowRunId, boolean repositoryExists) {
    request.workflowRunId(workflowRunId).repository(system.git().create("app"), "app", true);
    if (!repositoryExists) {
      request.repository(system.git().missing("docs"), "docs", true);
    }
    return system.api().create(request).clawId();
  }
}
