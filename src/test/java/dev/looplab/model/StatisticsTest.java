package dev.looplab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatisticsTest {
  private static final RunPlan PLAN = new RunPlan(URI.create("http://127.0.0.1:1"), "/fast-run", 105, 105, 0);

  /** 100 answered calls of 1..100 ms (60 from instance a, 40 from b, 3 of them 500s), plus 2 timeouts and 3 refusals. */
  private static RunResult knownRun() {
    List<CallRecord> calls = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      int status = i <= 3 ? 500 : 200;
      calls.add(new CallRecord(i - 1, status, i <= 60 ? "a" : "b", "t", "l", "r" + i, 10, 10 + i, null, null,
          status == 500 ? ErrorKind.STATUS : null, status == 500 ? "HTTP 500" : null));
    }
    for (int i = 100; i < 105; i++) {
      ErrorKind kind = i < 102 ? ErrorKind.TIMEOUT : ErrorKind.REFUSED;
      calls.add(new CallRecord(i, 0, null, null, null, "r" + i, 0, 5000, null, null, kind, "x"));
    }
    return new RunResult(PLAN, Mode.ASYNC, Instant.now(), 2000, calls, true);
  }

  @Test
  void percentilesOfAnsweredCallsAreWithinHdrPrecision() {
    Latency latency = Statistics.of(knownRun()).latency();
    assertEquals(100, latency.count(), "timeouts and refusals have no server latency");
    assertEquals(1, latency.min(), 0.001);
    assertEquals(50, latency.p50(), 50 * 0.001);
    assertEquals(90, latency.p90(), 90 * 0.001);
    assertEquals(99, latency.p99(), 99 * 0.001);
    assertEquals(100, latency.max(), 100 * 0.001);
    assertEquals(50.5, latency.mean(), 0.1);
  }

  @Test
  void countsErrorsByKindAndRate() {
    Statistics stats = Statistics.of(knownRun());
    assertEquals(105, stats.calls());
    assertEquals(97, stats.succeeded());
    assertEquals(8, stats.errors());
    assertEquals(Map.of("status 500", 3, "timeout", 2, "refused", 3), stats.errorsByKind());
    assertEquals(105 / 2.0, stats.callsPerSecond(), 1e-9);
  }

  @Test
  void breaksDownByAppInstance() {
    Map<String, Statistics.InstanceStats> per = Statistics.of(knownRun()).perInstance();
    assertEquals(60, per.get("a").calls());
    assertEquals(Map.of(500, 3, 200, 57), per.get("a").statusCounts());
    assertEquals(30, per.get("a").p50(), 0.03);
    assertEquals(40, per.get("b").calls());
    assertEquals(80, per.get("b").p50(), 0.08);
    assertEquals(5, per.get(Statistics.NO_ANSWER).calls());
    assertEquals(Map.of(0, 5), per.get(Statistics.NO_ANSWER).statusCounts());
  }

  @Test
  void emptyRunHasZeroLatency() {
    RunResult empty = new RunResult(PLAN, Mode.SYNC, Instant.now(), 0, List.of(), false);
    Statistics stats = Statistics.of(empty);
    assertEquals(0, stats.calls());
    assertEquals(0, stats.latency().p99());
  }
}
