package dev.looplab.server.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looplab.ServerProcess;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whatever a client invents (methods, paths, query strings) must not become a new label value:
 * the number of series on /metrics stays flat under a flood of distinct requests.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MetricsCardinalityTest {
  private static final int FLOOD = 300;
  private static ServerProcess server;

  @BeforeAll
  static void start() throws Exception {
    server = ServerProcess.start("--task-ms", "1");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void seriesStayFlatUnderDistinctMethodsPathsAndQueries() throws Exception {
    flood(3, "warm-up"); // every kind once, so the bounded values ("OTHER", "other", 404, 405) exist
    series(); // and a scrape: a request is timed when it ends, so the first scrape cannot show its own
    List<String> before = names(series());
    flood(FLOOD, "flood");
    List<String> after = series();
    // a GC's cause and phase are labels too (a pause, or on JDK 25 a concurrent phase, that first
    // happens during the flood): their values come from the JVM's own short list, not the client
    List<String> added = names(after).stream().filter(name -> !before.contains(name))
        .filter(name -> !name.startsWith("jvm_gc_")).toList();
    assertTrue(added.isEmpty(), "series grew from " + before.size() + " to " + after.size() + ":\n"
        + added.stream().limit(20).collect(Collectors.joining("\n")));
    assertFalse(after.stream().anyMatch(s -> s.contains("flood") || s.contains("M0")), "client input in a label");
  }

  @Test
  void noGaugeCountsRequestsThatWereCutOffMidway() throws Exception {
    for (int i = 0; i < 20; i++) {
      try (RawHttp http = new RawHttp(server.port())) {
        // headers complete, body promised but only half sent, then the client goes away
        http.send("GET /fast-run?ms=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n0123456789");
      }
      try (RawHttp http = new RawHttp(server.port())) {
        http.send("GET /fast-run?ms=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: ");
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    List<String> stuck;
    do { // the last cut-off requests may still be finishing: wait for the lab's own gauge to settle
      stuck = series().stream().filter(line -> line.startsWith("looplab_requests_in_flight") && !line.contains("/metrics")
          && value(line) != 0.0).toList();
    } while (!stuck.isEmpty() && System.nanoTime() < deadline);
    assertTrue(stuck.isEmpty(), stuck.toString());
    for (String line : series()) {
      if (line.startsWith("vertx_http_server_active_requests") || line.startsWith("looplab_requests_in_flight")) {
        boolean isScrape = line.contains("/metrics");
        assertEquals(isScrape ? 1.0 : 0.0, value(line), 0.0, "a request gauge stayed up: " + line);
      }
    }
  }

  private static void flood(int count, String tag) throws IOException {
    for (int i = 0; i < count; i++) {
      RawHttp.exchange(server.port(), "M" + i + tag.replace("-", "") + " /say-hi HTTP/1.1", "Host: 127.0.0.1", "Content-Length: 0");
      RawHttp.get(server.port(), "/" + tag + "/" + i);
      RawHttp.get(server.port(), "/say-hi?" + tag + i + "=" + i);
      RawHttp.exchange(server.port(), "DELETE /" + tag + i + " HTTP/1.1", "Host: 127.0.0.1", "Content-Length: 0");
    }
  }

  private static List<String> series() throws IOException {
    RawHttp.Answer answer = RawHttp.get(server.port(), "/metrics");
    assertEquals(200, answer.status());
    return Arrays.stream(answer.body().split("\n")).filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
  }

  /** The series' names and labels, without their values. */
  private static List<String> names(List<String> series) {
    return series.stream().map(line -> line.substring(0, line.lastIndexOf(' '))).toList();
  }

  private static double value(String line) {
    Matcher m = Pattern.compile(" (\\S+)$").matcher(line);
    assertTrue(m.find(), line);
    return Double.parseDouble(m.group(1));
  }
}
