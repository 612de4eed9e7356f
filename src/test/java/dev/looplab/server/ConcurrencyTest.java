package dev.looplab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The lesson in numbers. Lower bounds are physics (K sleeps of T on one loop cannot take less than
 * K x T); that calls overlap is read from the server's own clock (all were running at once), not from
 * an upper bound on the wall time, which a busy machine can exceed.
 */
class ConcurrencyTest {
  private static final int T = 200;
  private static final int K = 5;

  @Test
  void blockingSleepsOnOneLoopRunOneAfterAnother() {
    try (TestServer lab = TestServer.start(TestServer.config(T))) {
      long wall = wallMs(lab, K, "/slow-run");
      assertTrue(wall >= K * T, "K slow-runs took " + wall + " ms, expected at least " + K * T);
    }
  }

  @Test
  void timersOnOneLoopOverlap() {
    try (TestServer lab = TestServer.start(TestServer.config(T))) {
      assertAllInFlightTogether(lab, K, "/fast-run");
    }
  }

  @Test
  void workerSleepsOverlapWhileThePoolHasRoom() {
    try (TestServer lab = TestServer.start(TestServer.config(T).withWorkerPoolSize(K))) {
      assertAllInFlightTogether(lab, K, "/standard-run");
    }
  }

  @Test
  void workerSleepsQueueOnceCallsOutnumberThePool() {
    int pool = 2;
    try (TestServer lab = TestServer.start(TestServer.config(T).withWorkerPoolSize(pool))) {
      long wall = wallMs(lab, K, "/standard-run");
      int rounds = (K + pool - 1) / pool;
      assertTrue(wall >= rounds * T, K + " standard-runs on a pool of " + pool + " took " + wall + " ms");
    }
  }

  @Test
  void queuedWorkerCallsReportTheirWaitForAThread() {
    try (TestServer lab = TestServer.start(TestServer.config(T).withWorkerPoolSize(1))) {
      openConnections(lab, 3);
      List<Work> runs = lab.concurrently(3, "/standard-run").await().stream().map(Work::of)
          .sorted(Comparator.comparingDouble(Work::takenMs)).toList();
      // the only worker took them in turn: each began its task only after the one before it had
      // slept T, so its reported wait is at least that, less how much later the server read it (the
      // server's own clock: a busy machine delivering a request late does not fail this)
      for (int i = 1; i < runs.size(); i++) {
        Work before = runs.get(i - 1);
        Work after = runs.get(i);
        assertTrue(after.queueMs() >= before.takenMs() + T - after.startMs() - SLACK_MS,
            "call " + (i + 1) + " should wait for the task before it on the only worker: " + runs);
      }
      Work last = runs.get(2);
      assertTrue(last.queueMs() >= runs.get(0).takenMs() + 2 * T - last.startMs() - SLACK_MS,
          "the third call should wait two tasks for the only worker: " + runs);
    }
  }

  @Test
  void twoInstancesServeTwoConnectionsOnTwoEventLoops() {
    try (TestServer lab = TestServer.start(TestServer.config(T).withInstances(2))) {
      List<JsonObject> bodies = lab.concurrently(2, "/slow-run").await();
      Set<String> loops = bodies.stream().map(b -> b.getString("thread")).collect(Collectors.toSet());
      assertEquals(2, loops.size(), "slow-runs on two connections: " + bodies);
    }
  }

  private static long wallMs(TestServer lab, int k, String uri) {
    long start = System.nanoTime();
    lab.concurrently(k, uri).await();
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** Rounding of the server's figures to the microsecond, and its wall clock against its nanoTime. */
  private static final double SLACK_MS = 2;

  /**
   * K calls were all running at once, by the server's own clock: the last one to begin its work did so
   * before the first one ended. Calls run one after another can never pass this, however fast; calls
   * that overlap always do, however late a busy machine delivers them (the connections are opened
   * first, so that the K requests go out together).
   */
  private static void assertAllInFlightTogether(TestServer lab, int k, String uri) {
    openConnections(lab, k);
    long start = System.nanoTime();
    List<Work> runs = lab.concurrently(k, uri).await().stream().map(Work::of).toList();
    long wall = (System.nanoTime() - start) / 1_000_000;
    double lastTaken = runs.stream().mapToDouble(Work::takenMs).max().orElseThrow();
    double firstEnd = runs.stream().mapToDouble(Work::endMs).min().orElseThrow();
    assertTrue(lastTaken < firstEnd, k + " calls to " + uri + " did not all run at once (" + wall + " ms in all): " + runs);
  }

  /** Opens {@code k} connections to the server, so that k calls sent next are not held up opening them. */
  private static void openConnections(TestServer lab, int k) {
    lab.concurrently(k, "/say-hi").await();
  }

  /** One call as the server saw it, in milliseconds of its wall clock: begun, taken by its thread, ended. */
  private record Work(double startMs, double queueMs, double endMs) {
    static Work of(JsonObject body) {
      Instant at = Instant.parse(body.getString("started_at"));
      double startMs = at.getEpochSecond() * 1000.0 + at.getNano() / 1_000_000.0;
      return new Work(startMs, body.getDouble("queue_ms", 0.0), startMs + body.getDouble("duration_ms"));
    }

    double takenMs() {
      return startMs + queueMs;
    }
  }
}
