package dev.looplab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looplab.cli.Lessons;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ServerTimingTest {
  private static final Pattern METRIC = Pattern.compile("(\\w+);dur=([0-9.]+);desc=\"[^\"]*\"");
  private LabServer server;
  private Vertx clientVertx;
  private WebClient client;

  @BeforeEach
  void start() {
    server = new LabServer(ServerConfig.defaults().withPort(0).withTaskMs(150).withWorkerPoolSize(1), Lessons.all());
    int port = server.start().await();
    clientVertx = Vertx.vertx();
    client = WebClient.create(clientVertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  @AfterEach
  void stop() {
    clientVertx.close().await();
    server.shutdown().await();
  }

  @Test
  void aStandardRunReportsItsQueueAndExecTimes() {
    // two connections open before anything is timed, so that the two calls reach the server together
    Future.all(client.get("/say-hi").send(), client.get("/say-hi").send()).await();
    // one worker and two calls: the one taken second waits in the queue for the whole first task
    var first = client.get("/standard-run").send();
    var second = client.get("/standard-run").send();
    HttpResponse<Buffer> firstAnswer = first.await();
    HttpResponse<Buffer> secondAnswer = second.await();
    Map<String, Double> a = timings(firstAnswer);
    Map<String, Double> b = timings(secondAnswer);

    assertEquals(java.util.Set.of("queue", "exec"), a.keySet());
    assertTrue(a.get("exec") >= 150 && b.get("exec") >= 150, a + " " + b);
    // the one worker took the calls in turn: the later task began only after the earlier one's 150 ms,
    // so its queue is at least those 150 ms less how much later the server read it (by the server's
    // own clock, so a busy machine delivering the second request late does not fail this)
    Call one = new Call(startedAtMs(firstAnswer), a.get("queue"));
    Call other = new Call(startedAtMs(secondAnswer), b.get("queue"));
    Call earlier = one.takenMs() <= other.takenMs() ? one : other;
    Call later = earlier == one ? other : one;
    assertTrue(later.queueMs() >= earlier.takenMs() + 150 - later.startedMs() - 2,
        "one call waited for the other's task: " + a + " " + b + ", read " + (later.startedMs() - earlier.startedMs()) + " ms apart");
  }

  /** A call as the server saw it: when it began and how long it then waited for the worker, in ms. */
  private record Call(double startedMs, double queueMs) {
    double takenMs() {
      return startedMs + queueMs;
    }
  }

  /** When the server began the call (its wall clock, to the microsecond), in milliseconds. */
  private static double startedAtMs(HttpResponse<Buffer> response) {
    Instant at = Instant.parse(response.bodyAsJsonObject().getString("started_at"));
    return at.getEpochSecond() * 1000.0 + at.getNano() / 1_000_000.0;
  }

  @Test
  void otherRoutesReportTheirExecTime() {
    Map<String, Double> slow = timings(client.get("/slow-run").send().await());
    Map<String, Double> hi = timings(client.get("/say-hi").send().await());

    assertEquals(java.util.Set.of("exec"), slow.keySet());
    assertTrue(slow.get("exec") >= 150, slow.toString());
    assertFalse(hi.isEmpty());
  }

  @Test
  void theHeaderFollowsTheServerTimingSyntax() {
    assertEquals("exec;dur=2.500;desc=\"handling on the event loop\"", ServerTiming.header(null, 0, 2_500_000));
  }

  private static Map<String, Double> timings(HttpResponse<Buffer> response) {
    assertEquals(200, response.statusCode());
    String header = response.getHeader(ServerTiming.HEADER);
    assertTrue(header != null, "no Server-Timing header");
    Matcher m = METRIC.matcher(header);
    Map<String, Double> metrics = new java.util.LinkedHashMap<>();
    while (m.find()) {
      metrics.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    assertEquals(header.split(",").length, metrics.size(), header);
    return metrics;
  }
}
