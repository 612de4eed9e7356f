package dev.looplab.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The live page in a real headless Chromium, against a real lab server with one event loop and
 * a blocked-loop limit of 100 ms. Skipped where Chromium is not installed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LivePageInChromiumTest {
  static final Path SCREENSHOTS = Path.of("target", "live-page");
  private static final double TASK_MS = 300;
  private static LiveServer lab;
  private static LiveBrowser browser;
  private static ServerCalls serverCalls;

  @BeforeAll
  static void start() {
    assumeTrue(LiveBrowser.available(), "chromium is not installed at " + LiveBrowser.CHROMIUM);
    serverCalls = new ServerCalls();
    lab = new LiveServer();
    browser = new LiveBrowser();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (lab != null) {
      lab.close();
    }
    if (serverCalls != null) {
      serverCalls.close();
    }
  }

  @Test
  void slowRunsDrawAStaircaseAndABlockedEpisodeFastRunsOneBlock() throws Exception {
    Page page = browser.open(lab.url("/"));
    page.waitForSelector("#status[data-state=open]");
    page.waitForSelector(".loop[data-thread^='vert.x-eventloop-thread']");

    List<double[]> slow = run(page, 1, "slow-run");
    // on the server's clock: a sleep on the one loop holds the next call's start back by a whole task
    List<ServerCalls.Call> served = serverCalls.await("/slow-run?ms=" + (int) TASK_MS, 4);
    assertEquals(4, served.size(), "one access line per call: " + served);
    for (int k = 1; k < served.size(); k++) {
      long step = served.get(k).startMs() - served.get(k - 1).startMs();
      assertTrue(step >= TASK_MS * 0.95, "one loop serves one sleep at a time, step " + k + " of " + served);
    }
    // as the page draws it: the k-th answer needs k+1 sleeps, all begun after the first call went out
    double firstStart = slow.stream().mapToDouble(bar -> bar[0]).min().orElseThrow();
    List<Double> ends = endsInOrder(slow);
    for (int k = 0; k < ends.size(); k++) {
      assertTrue(ends.get(k) - firstStart >= (k + 1) * TASK_MS * 0.95, "staircase step " + k + " of " + ends);
    }
    Locator blocked = page.locator("#episodes li.episode[data-route='/slow-run']").first();
    blocked.waitFor();
    assertTrue(blocked.textContent().contains("LabVerticle.slowRun"), "the episode names our line: " + blocked.textContent());
    Files.createDirectories(SCREENSHOTS);
    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("slow-run.png")).setFullPage(true));

    List<double[]> fast = run(page, 2, "fast-run");
    // on the server's clock: every call began before any timer fired, so they all waited together
    List<ServerCalls.Call> timed = serverCalls.await("/fast-run?ms=" + (int) TASK_MS, 4);
    assertEquals(4, timed.size(), "one access line per call: " + timed);
    long firstEnd = timed.stream().mapToLong(ServerCalls.Call::endMs).min().orElseThrow();
    assertTrue(timed.get(3).startMs() < firstEnd, "timers share the loop, the calls overlap: " + timed);
    fast.forEach(bar -> assertTrue(bar[1] - bar[0] >= TASK_MS * 0.95, "a call cannot end before its timer"));
    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("fast-run.png")).setFullPage(true));

    assertEquals(List.of(), browser.errors, "console errors");
    page.close();
  }

  @Test
  void anOutOfRangeValueIsExplainedInThePage() {
    Page page = browser.open(lab.url("/lab"));
    page.waitForSelector("#status[data-state=open]");
    page.fill("input[name=calls]", "0");
    page.click("#start");
    Locator message = page.locator("#form-message");
    page.waitForCondition(() -> !message.textContent().isEmpty());
    assertTrue(message.textContent().contains("calls must be a whole number from 1 to 100, got '0'"), message.textContent());
    // the browser reports the refused request itself; nothing else may be in the console
    assertTrue(browser.errors.stream().allMatch(e -> e.contains("status of 400")), browser.errors.toString());
    page.close();
  }

  @Test
  void closedTabsLeaveNoStreamBehind() {
    browser.closeTabs(); // earlier tests' tabs: their streams must not come and go while this one counts
    awaitPagesOpen(0);
    int before = lab.lesson.pagesOpen();
    List<Page> tabs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Page tab = browser.open(lab.url("/"));
      tab.waitForSelector("#status[data-state=open]");
      tabs.add(tab);
    }
    assertEquals(before + 5, lab.lesson.pagesOpen());
    tabs.forEach(Page::close);
    awaitPagesOpen(before);
    assertEquals(before, lab.lesson.pagesOpen(), "a closed tab's stream is dropped by the server");
  }

  /** Looks every 10 ms, for up to 10 s: a spinning look would take a core from the server it waits for. */
  private static void awaitPagesOpen(int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (lab.lesson.pagesOpen() > count && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
  }

  /** Starts 4 async calls of {@code route} from the form; returns each bar's {start, end} once the run is done. */
  private static List<double[]> run(Page page, int runId, String route) {
    page.selectOption("select[name=route]", route);
    page.fill("input[name=calls]", "4");
    page.selectOption("select[name=mode]", "async");
    page.fill("input[name=task_ms]", String.valueOf((int) TASK_MS));
    page.click("#start");
    page.waitForSelector("#experiment-panel[data-run='" + runId + "'][data-state=done]");
    List<double[]> bars = new ArrayList<>();
    for (Locator bar : page.locator("#timeline rect.bar").all()) {
      bars.add(new double[] {Double.parseDouble(bar.getAttribute("data-start")), Double.parseDouble(bar.getAttribute("data-end"))});
    }
    assertEquals(4, bars.size(), "one bar per call");
    assertTrue(page.locator("#run-summary").textContent().contains("predicted"), page.locator("#run-summary").textContent());
    return bars;
  }

  private static List<Double> endsInOrder(List<double[]> bars) {
    List<Double> ends = new ArrayList<>(bars.stream().map(bar -> bar[1]).toList());
    Collections.sort(ends);
    return ends;
  }
}
