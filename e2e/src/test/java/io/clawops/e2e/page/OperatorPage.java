package io.clawops.e2e.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.core.ThrowingRunnable;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/** The operator page as a user sees it: what they type, click and read, nothing more. */
final class OperatorPage {

  static final Duration SETTLE = Duration.ofSeconds(60);

  private final ChromeDriver chrome;
  private final String url;

  OperatorPage(ChromeDriver chrome, String url) {
    this.chrome = chrome;
    this.url = url;
  }

  ChromeDriver chrome() {
    return chrome;
  }

  /** A fresh visit: no session cookie, the sign-in form. */
  void openSignedOut() {
    // The session cookie has path /api, out of reach of WebDriver's cookie calls on "/".
    chrome.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    chrome.get(url + "/");
    eventually(() -> assertThat(chrome.findElement(By.id("token")).isDisplayed()).isTrue());
  }

  void typeToken(String token) {
    WebElement field = chrome.findElement(By.id("token"));
    field.clear();
    field.sendKeys(token);
    chrome.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
  }

  /** Signs in and waits for the board with its live stream connected. */
  void signIn(String token) {
    openSignedOut();
    typeToken(token);
    eventually(
        () -> {
          assertThat(chrome.findElement(By.id("board")).isDisplayed()).isTrue();
          assertThat(text("live")).isEqualTo("Live updates: connected");
        });
  }

  /** The browser's session cookie with all its attributes (CDP), or null when it has none. */
  @SuppressWarnings("unchecked")
  Map<String, Object> sessionCookie() {
    Map<String, Object> all = chrome.executeCdpCommand("Network.getAllCookies", Map.of());
    return ((List<Map<String, Object>>) all.get("cookies"))
        .stream()
            .filter(cookie -> "clawops_session".equals(cookie.get("name")))
            .findFirst()
            .orElse(null);
  }

  String text(String id) {
    return chrome.findElement(By.id(id)).getText();
  }

  /** Fills the filter form and submits it, as a user would. */
  void filter(String status, String workflowRunId, String runnerId, String stuckMinutes) {
    new Select(chrome.findElement(By.id("f-status"))).selectByValue(status == null ? "" : status);
    type("f-workflow", workflowRunId);
    type("f-runner", runnerId);
    type("f-stuck", stuckMinutes);
    chrome.findElement(By.cssSelector("#filters button[type=submit]")).click();
  }

  private void type(String id, String value) {
    WebElement field = chrome.findElement(By.id(id));
    field.clear();
    if (value != null) {
      field.sendKeys(value);
    }
  }

  /** The status word the board shows for this claw, or null when it has no row. */
  String boardStatus(UUID clawId) {
    return boardCell(clawId, "status");
  }

  /** The text of one cell of a claw's row on the board, or null when it has no row. */
  String boardCell(UUID clawId, String cell) {
    // Read in one script: the board re-renders its rows on every change.
    return (String)
        chrome.executeScript(
            "const row = document.querySelector(`#claw-rows tr[data-claw-id='${arguments[0]}']`);"
                + " return row ? row.querySelector('.cell-' + arguments[1]).innerText : null;",
            clawId.toString(),
            cell);
  }

  /** The claw ids of the board's rows, top to bottom. */
  @SuppressWarnings("unchecked")
  List<String> boardClawIds() {
    return (List<String>)
        chrome.executeScript(
            "return [...document.querySelectorAll('#claw-rows tr')].map(r => r.dataset.clawId);");
  }

  /** Clicks the status count at the top of the board. */
  void clickCount(String status) {
    chrome.findElement(By.cssSelector("#counts a[data-status='" + status + "']")).click();
  }

  void openClaw(UUID clawId) {
    chrome.findElement(By.cssSelector("#claw-rows a[href='#/claw/" + clawId + "']")).click();
    eventually(() -> assertThat(text("claw-title")).isEqualTo("Claw " + clawId));
  }

  /** Opens a claw's page by its address, as from a bookmark. */
  void visitClaw(UUID clawId) {
    chrome.get(url + "/#/claw/" + clawId);
    eventually(
        () -> {
          assertThat(text("claw-title")).isEqualTo("Claw " + clawId);
          assertThat(text("answer-list")).contains("Status");
        });
  }

  /** The "Where it is and why" facts as "term: value" lines. */
  String answer() {
    return text("answer-list");
  }

  /** The rows of one of the claw page's tables, each as its cells' text joined by " | ". */
  @SuppressWarnings("unchecked")
  List<String> tableRows(String tableId) {
    return (List<String>)
        chrome.executeScript(
            "return [...document.querySelectorAll(`#${arguments[0]} tbody tr`)]"
                + ".map(r => [...r.cells].map(c => c.innerText).join(' | '));",
            tableId);
  }

  WebElement button(String id) {
    return chrome.findElement(By.id(id));
  }

  void chooseProfile(String profile) {
    // The options change when the claw's profiles do (a live update may land meanwhile).
    eventually(
        () -> {
          Select select = new Select(chrome.findElement(By.id("retry-profile")));
          select.selectByValue(profile);
          assertThat(select.getFirstSelectedOption().getAttribute("value")).isEqualTo(profile);
        });
  }

  /** Clicks an action and confirms it in the dialog. */
  void actAndConfirm(String action) {
    button(action).click();
    eventually(() -> assertThat(chrome.findElement(By.id("confirm")).isDisplayed()).isTrue());
    chrome.findElement(By.id("confirm-yes")).click();
  }

  /** Marks the loaded document, to prove later that it was never reloaded. */
  void markDocument() {
    ((JavascriptExecutor) chrome).executeScript("window.clawopsTestMark = 'still-here';");
  }

  boolean documentStillMarked() {
    return "still-here"
        .equals(((JavascriptExecutor) chrome).executeScript("return window.clawopsTestMark;"));
  }

  static void eventually(ThrowingRunnable check) {
    await()
        .atMost(SETTLE)
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptionsInstanceOf(NoSuchElementException.class)
        .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
        .untilAsserted(check);
  }
}
