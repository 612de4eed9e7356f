package dev.looplab.live;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Debian's headless Chromium ({@code /usr/bin/chromium}) driven by Playwright for Java, with no
 * browser download (none can be made here). Collects every console error and uncaught exception.
 */
final class LiveBrowser implements AutoCloseable {
  static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("LOOPLAB_CHROMIUM", "/usr/bin/chromium"));
  private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run");

  private final Playwright playwright;
  private final Browser browser;
  final List<String> errors = new CopyOnWriteArrayList<>();

  LiveBrowser() {
    playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(CHROMIUM).setArgs(ARGS).setHeadless(true));
  }

  static boolean available() {
    return Files.isExecutable(CHROMIUM);
  }

  /** A new tab whose console errors and page errors land in {@link #errors}. */
  Page open(String url) {
    Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 900));
    page.onConsoleMessage(message -> {
      if (message.type().equals("error")) {
        errors.add(message.text());
      }
    });
    page.onPageError(error -> errors.add("uncaught: " + error));
    page.navigate(url);
    return page;
  }

  /** Closes every tab opened so far. */
  void closeTabs() {
    browser.contexts().forEach(BrowserContext::close);
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
