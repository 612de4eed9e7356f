package dev.looplab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The lesson in numbers. Lower bounds are physics (K sleeps of T on one loop cannot take less than
 * K x T); upper bounds are half of the serial time, far above what a free loop needs.
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
      long wall = wallMs(lab, K, "/fast-run");
      assertTrue(wall < K * T / 2, "K fast-runs took " + wall + " ms, expected well under " + K * T);
    }
  }

  @Test
  void workerSleepsOverlapWhileThePoolHasRoom() {
    try (TestServer lab = TestServer.start(TestServer.config(T).withWorkerPoolSize(K))) {
      long wall = wallMs(lab, K, "/standard-run");
      assertTrue(wall < K * T / 2, "K standard-runs on a pool of K took " + wall + " ms");
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
      List<JsonObject> bodies = lab.concurrently(3, "/standard-run").await();
      double longestQueue = bodies.stream().mapToDouble(b -> b.getDouble("queue_ms")).max().orElseThrow();
      assertTrue(longestQueue >= 1.5 * T, "the third call should wait two tasks for the only worker: " + bodies);
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
}
