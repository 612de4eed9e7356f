package dev.looplab.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looplab.cli.Lessons;
import dev.looplab.model.CallRecord;
import dev.looplab.model.Experiment;
import dev.looplab.model.Mode;
import dev.looplab.model.Prediction;
import dev.looplab.model.RunPlan;
import dev.looplab.model.RunResult;
import dev.looplab.model.ServerProbe;
import dev.looplab.model.Statistics;
import dev.looplab.server.LabServer;
import dev.looplab.server.ServerConfig;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The driver against a real lab server (started here, port 0, short tasks). */
@ExtendWith(VertxExtension.class)
class ExperimentRunTest {
  private static final int T = 200;

  private ExperimentDriver driver;

  @BeforeEach
  void startDriver() {
    driver = new ExperimentDriver(2);  // two event loops share each run, whatever the machine
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  private static URI lab(Vertx vertx, ServerConfig config) {
    int port = new LabServer(config.withPort(0), Lessons.all(), vertx).start().await();
    return URI.create("http://127.0.0.1:" + port);
  }

  private static URI lab(Vertx vertx) {
    return lab(vertx, ServerConfig.defaults().withTaskMs(T));
  }

  private RunResult run(URI base, String path, int calls, Mode mode) {
    RunPlan plan = new RunPlan(base, path, calls, calls, 10_000);
    return driver.run(mode == Mode.SYNC ? plan.sequential() : plan, mode);
  }

  @Test
  void asyncFastRunIsManyTimesFasterThanSync(Vertx vertx) {
    URI base = lab(vertx);
    RunResult sync = run(base, "/fast-run", 5, Mode.SYNC);
    RunResult async = run(base, "/fast-run", 5, Mode.ASYNC);
    assertTrue(sync.wallMs() >= 5 * T, "5 calls one after another take at least 5 T: " + sync.wallMs());
    double factor = new Experiment(driver.probe(base), List.of(sync, async)).speedFactor().orElseThrow();
    assertTrue(factor > 2.5, "5 overlapping timers should be far faster than 5 in a row, factor " + factor);
    assertEquals(0, Statistics.of(async).errors());
  }

  @Test
  void poolDoesNotCapConcurrency(Vertx vertx) {
    RunResult async = run(lab(vertx), "/fast-run", 25, Mode.ASYNC);
    // about one T on a quiet machine; rounds of 5 would take at least 5 T, however fast the machine
    assertTrue(async.wallMs() < 5 * T, "25 timers overlap in about one T, not in rounds of 5: " + async.wallMs());
    double firstEnd = async.calls().stream().mapToDouble(CallRecord::endMs).min().orElseThrow();
    assertTrue(async.calls().stream().allMatch(c -> c.startMs() < firstEnd), "all 25 were in flight together");
  }

  @Test
  void moreCallsThanOneClientsPoolStillOverlap(Vertx vertx) {
    int calls = ExperimentVerticle.SLOTS_PER_CLIENT + 44;  // spread over two clients
    RunResult async = run(lab(vertx), "/fast-run", calls, Mode.ASYNC);
    double firstEnd = async.calls().stream().mapToDouble(CallRecord::endMs).min().orElseThrow();
    assertTrue(async.calls().stream().allMatch(c -> c.startMs() < firstEnd), "all " + calls + " were in flight together");
    assertEquals(0, Statistics.of(async).errors());
  }

  @Test
  void concurrencyBoundsCallsInFlight(Vertx vertx) {
    RunResult run = driver.run(new RunPlan(lab(vertx), "/fast-run", 10, 3, 10_000), Mode.ASYNC);
    assertTrue(run.wallMs() >= 4 * T, "10 calls, 3 at a time: at least 4 rounds of T: " + run.wallMs());
    for (CallRecord c : run.calls()) {
      long inFlight = run.calls().stream().filter(o -> o.startMs() <= c.startMs() && c.startMs() < o.endMs()).count();
      assertTrue(inFlight <= 3, "at most 3 in flight when call " + c.index() + " started: " + inFlight);
    }
  }

  @Test
  void slowRunCallsWaitForEachOtherOnOneLoop(Vertx vertx) {
    URI base = lab(vertx);
    RunResult async = run(base, "/slow-run", 4, Mode.ASYNC);
    assertTrue(async.wallMs() >= 4 * T, "4 sleeps on one loop take at least 4 T: " + async.wallMs());
    assertEquals(1, async.calls().stream().map(CallRecord::thread).distinct().count());
    Prediction predicted = new Experiment(driver.probe(base), List.of(async)).prediction(async).orElseThrow();
    assertEquals(4 * T, predicted.wallMs());
  }

  @Test
  void standardRunIsBoundedByTheWorkerPool() {
    // the worker pool is a VertxOptions setting, so this server needs a Vertx of its own
    ServerConfig config = ServerConfig.defaults().withTaskMs(T).withWorkerPoolSize(2);
    Vertx serverVertx = Vertx.vertx(LabServer.vertxOptions(config));
    RunResult async;
    try {
      async = run(lab(serverVertx, config), "/standard-run", 4, Mode.ASYNC);
    } finally {
      serverVertx.close().await();
    }
    assertTrue(async.wallMs() >= 2 * T, "4 sleeps on 2 workers take at least 2 T: " + async.wallMs());
    Set<String> workers = async.calls().stream().map(CallRecord::thread).collect(Collectors.toSet());
    assertTrue(workers.size() <= 2 && workers.stream().allMatch(t -> t.contains("worker")), workers.toString());
    // about one T when the four requests arrive together; a busy machine may deliver the later ones
    // some tens of ms late (new connections), and they then wait that much less
    assertTrue(async.calls().stream().anyMatch(c -> c.queueMs() != null && c.queueMs() >= T * 0.5),
        "the calls beyond the pool size waited in the queue about one T: " + async.calls());
  }

  @Test
  void recordsWhoAnsweredEachCall(Vertx vertx) {
    URI base = lab(vertx);
    ServerProbe probe = driver.probe(base);
    RunResult async = run(base, "/say-hi", 3, Mode.ASYNC);
    for (CallRecord c : async.calls()) {
      assertEquals(200, c.status());
      assertEquals(probe.info().appInstanceId(), c.appInstanceId());
      assertTrue(c.requestId().startsWith("async-") && c.requestId().endsWith("-" + c.index()), c.requestId());
      assertTrue(c.thread().startsWith("vert.x-eventloop-thread-"), c.thread());
      assertTrue(c.endMs() >= c.startMs());
    }
  }

  @Test
  void timeoutIsRecordedPerCall(Vertx vertx) {
    RunPlan plan = new RunPlan(lab(vertx), "/fast-run?ms=3000", 2, 2, 200);
    RunResult run = driver.run(plan, Mode.ASYNC);
    assertEquals(Map.of("timeout", 2), Statistics.of(run).errorsByKind());
    assertTrue(run.calls().stream().allMatch(c -> c.latencyMs() >= 200 && c.latencyMs() < 3000));
  }

  @Test
  void errorStatusesAreCountedNotFatal(Vertx vertx) {
    Router router = Router.router(vertx);
    router.get("/boom").handler(rc -> rc.response().setStatusCode(500).end("{\"error\":\"boom\"}"));
    int port = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await().actualPort();
    RunResult boom = run(URI.create("http://127.0.0.1:" + port), "/boom", 3, Mode.ASYNC);
    assertEquals(Map.of("status 500", 3), Statistics.of(boom).errorsByKind());
    assertEquals("HTTP 500 boom", boom.calls().get(0).errorDetail());
    RunResult missing = run(lab(vertx), "/no-such-route", 2, Mode.SYNC);
    assertEquals(Map.of("status 404", 2), Statistics.of(missing).errorsByKind());
  }

  @Test
  void refusedConnectionIsRecordedAndNamed() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    URI nowhere = URI.create("http://127.0.0.1:" + closedPort);
    RunResult run = run(nowhere, "/say-hi", 3, Mode.ASYNC);
    assertEquals(Map.of("refused", 3), Statistics.of(run).errorsByKind());
    NoServerException e = assertThrows(NoServerException.class, () -> driver.probe(nowhere));
    assertTrue(e.getMessage().contains(nowhere.toString()) && e.getMessage().contains("server --port " + closedPort),
        e.getMessage());
  }

  @Test
  void callsRefusedBy429AreCountedApartAndPredictedFromTheServersLimit(Vertx vertx) {
    URI base = lab(vertx, ServerConfig.defaults().withTaskMs(T).withMaxConcurrency(2));
    RunResult async = run(base, "/fast-run", 5, Mode.ASYNC);
    Statistics stats = Statistics.of(async);
    assertEquals(3, stats.throttled(), stats.errorsByKind().toString());
    assertEquals(Map.of("429 throttled", 3), stats.errorsByKind(), "no application error among them");
    Prediction predicted = new Experiment(driver.probe(base), List.of(async)).prediction(async).orElseThrow();
    assertEquals(3, predicted.refused(), predicted.reasoning());
  }
}
