package io.clawops.e2e.page;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium driven through chromedriver, both Debian's ({@code apt-get install
 * chromium chromium-driver}); their paths are given explicitly, so Selenium Manager never tries to
 * download anything. Without them the tests are skipped on a developer's machine and fail in CI
 * ({@code CI=true}), where {@code .ci/run} installs them.
 */
final class Browser {

  static final String INSTALL = "apt-get install chromium chromium-driver";

  private Browser() {}

  /** Starts the browser, or skips (fails in CI) the calling tests when it is not installed. */
  static ChromeDriver start() {
    Path binary = Path.of(setting("CLAWOPS_CHROMIUM", "/usr/bin/chromium"));
    Path driver = Path.of(setting("CLAWOPS_CHROMEDRIVER", "/usr/bin/chromedriver"));
    if (!Files.isExecutable(binary) || !Files.isExecutable(driver)) {
      String missing =
          "the operator page tests need Chromium and its driver ("
              + binary
              + ", "
              + driver
              + "): "
              + INSTALL;
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(missing);
      }
      Assumptions.abort(missing);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(binary.toFile());
    options.addArguments(
        "--headless=new",
        // The suite may run as root (CI containers), where Chromium's sandbox cannot start.
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,1000",
        "--user-data-dir=" + profileDir());
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(driver.toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver chrome = new ChromeDriver(service, options);
    chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    return chrome;
  }

  /** Saves what the browser shows now as {@code target/screenshots/<name>.png}. */
  static Path screenshot(ChromeDriver chrome, String name) {
    Path dir = Path.of(System.getProperty("clawops.e2e.screenshots", "target/screenshots"));
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(name + ".png");
      Files.write(file, chrome.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String profileDir() {
    try {
      Path work = Path.of(System.getProperty("clawops.e2e.work-dir", "target/e2e"));
      Files.createDirectories(work);
      return Files.createTempDirectory(work, "chromium-").toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String setting(String env, String fallback) {
    String value = System.getenv(env);
    return value == null || value.isBlank() ? fallback : value;
  }
}
