package dev.looplab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineHtmlTest {
  private static final Pattern BAR = Pattern.compile("<rect class=\"bar (s-\\w+)\" x=\"([0-9.]+)\" y=\"(\\d+)\" width=\"([0-9.]+)\"");

  @Test
  void oneBarPerCall() {
    for (int n : new int[] {1, 10, 150, 1000}) {
      String html = TimelineHtml.render(TimelineFixtures.slowRunStaircase(n, 200));
      assertEquals(n, bars(html).size(), n + " calls");
    }
  }

  @Test
  void blockingCallsDrawAStaircaseAndTimerCallsABlock() {
    List<double[]> stairs = bars(TimelineHtml.render(TimelineFixtures.slowRunStaircase(10, 200)));
    for (int i = 1; i < stairs.size(); i++) {
      // each bar sits one row lower and reaches one task further to the right
      assertTrue(stairs.get(i)[1] > stairs.get(i - 1)[1]);
      double rightEdge = stairs.get(i)[0] + stairs.get(i)[2];
      double previousRightEdge = stairs.get(i - 1)[0] + stairs.get(i - 1)[2];
      assertTrue(rightEdge - previousRightEdge > 50, "step " + i);
    }
    List<double[]> block = bars(TimelineHtml.render(TimelineFixtures.fastRunBlock(10, 200)));
    double firstEnd = block.get(0)[0] + block.get(0)[2];
    assertTrue(block.stream().allMatch(b -> Math.abs(b[0] + b[2] - firstEnd) < 5), "all end together");
  }

  @Test
  void lanesArePerServerThreadAndColoursPerStatus() {
    String html = TimelineHtml.render(TimelineFixtures.fastRunBlock(10, 200));
    assertTrue(html.contains(">vert.x-eventloop-thread-0 (5)</text>"), "lane with its call count");
    assertTrue(html.contains(">vert.x-eventloop-thread-1 (5)</text>"));
    assertEquals(9, count(html, "class=\"bar s-ok\""));
    assertEquals(1, count(html, "class=\"bar s-server\""));
    assertTrue(html.contains("503 &times; 1"), "legend counts statuses");
  }

  @Test
  void theSummaryAndServerLinesAreShownAndEscaped() {
    String html = TimelineHtml.render(TimelineFixtures.fastRunBlock(3, 200));
    assertTrue(html.contains("<title>fast-run &lt;async&gt; &amp; co</title>"));
    assertFalse(html.contains("<async>"));
    String slow = TimelineHtml.render(TimelineFixtures.slowRunStaircase(3, 200));
    assertTrue(slow.contains("<pre class=\"server\">server: 3 blocked episode(s) (/slow-run 3)"));
    assertTrue(slow.contains("predicted: 600.0 ms"));
  }

  @Test
  void thePageFetchesNothing() {
    String html = TimelineHtml.render(TimelineFixtures.slowRunStaircase(5, 200));
    assertFalse(html.contains("src="), "no external script or image");
    assertFalse(html.contains("<link"), "no external stylesheet");
    assertFalse(html.replace("http://www.w3.org/2000/svg", "").contains("http"), "no URL at all");
  }

  @Test
  void writesTheFileWholeAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("run.html");
    AtomicFiles.write(file, TimelineHtml.render(TimelineFixtures.slowRunStaircase(4, 100)));
    AtomicFiles.write(file, TimelineHtml.render(TimelineFixtures.slowRunStaircase(6, 100)));
    assertEquals(6, bars(Files.readString(file)).size());
    try (var listing = Files.list(dir)) {
      assertEquals(List.of(file), listing.toList());
    }
  }

  @Test
  void severalRunsShareOnePageWithAPictureEach(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("both.html");
    AtomicFiles.write(file, TimelineHtml.render("slow-run, sync and async", List.of(TimelineFixtures.slowRunStaircase(3, 200),
        TimelineFixtures.fastRunBlock(5, 200))));
    String html = Files.readString(file);
    assertEquals(8, bars(html).size());
    assertEquals(2, count(html, "<svg "));
    assertTrue(html.contains("<h1>slow-run, sync and async</h1>") && html.contains("<h2>slow-run, async, 3 calls</h2>"));
  }

  @Test
  void tickStepsAreRoundNumbers() {
    assertEquals(500, TimelineHtml.niceStep(260));
    assertEquals(2000, TimelineHtml.niceStep(1500));
    assertEquals(1, TimelineHtml.niceStep(0.7));
  }

  /** x, y, width of each bar, in document order. */
  static List<double[]> bars(String html) {
    Matcher m = BAR.matcher(html);
    List<double[]> bars = new java.util.ArrayList<>();
    while (m.find()) {
      bars.add(new double[] {Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4))});
    }
    return bars;
  }

  private static int count(String text, String needle) {
    int count = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      count++;
    }
    return count;
  }
}
