package dev.looplab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Skipped where Chromium is not installed ({@code apt-get install -y chromium}). */
class TimelineInChromiumTest {
  private static final Pattern BARS_RENDERED = Pattern.compile("data-bars=\"(\\d+)\"");
  private Path chromium;

  @BeforeEach
  void findChromium() {
    Optional<Path> found = HeadlessChromium.binary();
    assumeTrue(found.isPresent(), "chromium is not installed");
    chromium = found.get();
  }

  @Test
  void theTimelineOpensWithoutConsoleErrorsAndDrawsOneBarPerCall(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("timeline.html");
    AtomicFiles.write(file, TimelineHtml.render(TimelineFixtures.slowRunStaircase(12, 200)));

    HeadlessChromium.Page page = HeadlessChromium.open(chromium, file, dir);

    assertTrue(page.console().isEmpty(), "console: " + page.console());
    assertEquals(12, TimelineHtmlTest.bars(page.dom()).size(), "bars in the rendered DOM");
    Matcher rendered = BARS_RENDERED.matcher(page.dom());
    assertTrue(rendered.find(), "the page's script did not run");
    assertEquals("12", rendered.group(1));
  }

  @Test
  void aBrokenPageIsCaughtByTheConsoleCheck(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("broken.html");
    Files.writeString(file, "<!DOCTYPE html><html><body><script>notDefinedAnywhere();</script></body></html>");

    HeadlessChromium.Page page = HeadlessChromium.open(chromium, file, dir);

    assertFalse(page.console().isEmpty());
    assertTrue(page.console().get(0).contains("notDefinedAnywhere"), page.console().toString());
  }
}
