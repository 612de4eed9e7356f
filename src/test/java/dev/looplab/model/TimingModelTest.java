package dev.looplab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class TimingModelTest {
  /** What /info says for 1 event loop, a 2000 ms task and a worker pool of 20 (the defaults). */
  private static final JsonObject INFO = new JsonObject("""
      {"host":"127.0.0.1","port":8080,"instances":1,"task_ms":2000,"worker_pool_size":20,
       "blocked_check_interval_ms":500,"max_event_loop_ms":500,"app_instance_id":"abc"}""");
  private static final double NETWORK_MS = 0.5;

  private static double predict(JsonObject info, String path, int calls, int concurrency) {
    return TimingModel.direct(LabInfo.from(info), NETWORK_MS).predict(path, calls, concurrency).orElseThrow().wallMs();
  }

  @Test
  void fastRunTakesOneTaskTimeWhateverTheNumberOfCalls() {
    assertEquals(2000, predict(INFO, "/fast-run", 25, 25));
    assertEquals(2000, predict(INFO, "/fast-run", 12, 12));
    assertEquals(25 * 2000, predict(INFO, "/fast-run", 25, 1), "sync: one after another");
    assertEquals(5 * 2000, predict(INFO, "/fast-run", 25, 5), "a concurrency of 5 runs in rounds");
  }

  @Test
  void slowRunSerialisesOnEachEventLoop() {
    assertEquals(25 * 2000, predict(INFO, "/slow-run", 25, 25));
    assertEquals(7 * 2000, predict(INFO.copy().put("instances", 4), "/slow-run", 25, 25), "ceil(25 / 4) rounds");
  }

  @Test
  void standardRunIsBoundedByTheWorkerPool() {
    assertEquals(2000, predict(INFO, "/standard-run", 20, 20));
    assertEquals(2 * 2000, predict(INFO, "/standard-run", 25, 25), "25 calls on 20 workers: 2 rounds");
    assertEquals(5 * 2000, predict(INFO.copy().put("worker_pool_size", 5), "/standard-run", 25, 25));
  }

  @Test
  void sayHiCostsNetworkTimeOnly() {
    assertEquals(NETWORK_MS, predict(INFO, "/say-hi", 10, 10));
    assertEquals(10 * NETWORK_MS, predict(INFO, "/say-hi", 10, 1));
  }

  @Test
  void msQueryParameterOverridesTheTaskTime() {
    assertEquals(300, predict(INFO, "/fast-run?ms=300", 25, 25));
    assertEquals(4 * 150, predict(INFO, "/slow-run?x=1&ms=150", 4, 4));
  }

  /** The lesson's Cloud Run: 3 instances taking 5 requests each, one event loop and 20 workers per instance. */
  private static Prediction lessonCloud(String path, int calls, int queue) {
    Topology cloud = new Topology(3, 5, queue);
    return new TimingModel(LabInfo.from(INFO), NETWORK_MS, cloud).predict(path, calls, calls).orElseThrow();
  }

  @Test
  void instancesTimesConcurrencyLimitsCallsServedAtOnce() {
    assertEquals(2 * 2000, lessonCloud("/fast-run", 25, Topology.UNLIMITED).wallMs(), "15 at once, then 10");
    assertEquals(2000, lessonCloud("/fast-run", 12, Topology.UNLIMITED).wallMs(), "12 fit in the 15 slots");
    assertEquals(2000, lessonCloud("/fast-run", 15, Topology.UNLIMITED).wallMs());
    assertEquals(2 * 2000, lessonCloud("/standard-run", 25, Topology.UNLIMITED).wallMs(), "5 workers busy per instance");
  }

  @Test
  void slowRunOnSeveralInstancesSerialisesOnEachInstancesLoop() {
    assertEquals(9 * 2000, lessonCloud("/slow-run", 25, Topology.UNLIMITED).wallMs(), "ceil(25 / 3 loops) rounds");
  }

  @Test
  void callsBeyondWhatTheSystemAdmitsArePredictedToGet429() {
    Prediction p = lessonCloud("/fast-run", 25, 5);
    assertEquals(5, p.refused(), "15 served + 5 queued admitted, 5 refused");
    assertEquals(2 * 2000, p.wallMs(), "20 admitted: 15, then 5");
    assertEquals(0, lessonCloud("/fast-run", 25, Topology.UNLIMITED).refused());
    TimingModel oneAtATime = new TimingModel(LabInfo.from(INFO), NETWORK_MS, new Topology(3, 5, 0));
    assertEquals(0, oneAtATime.predict("/fast-run", 25, 1).orElseThrow().refused(), "sync never overflows");
  }

  @Test
  void theServersOwnConcurrencyLimitIsTheDefault() {
    LabInfo limited = LabInfo.from(INFO.copy().put("max_concurrency", 5));
    assertEquals(new Topology(1, 5, 0), Topology.of(null, null, null, limited), "the server queues nothing");
    assertEquals(new Topology(3, 5, Topology.UNLIMITED), Topology.of(3, 5, null, LabInfo.from(INFO)), "a proxy queues");
    assertEquals(new Topology(3, 4, 2), Topology.of(3, 4, 2, limited));
    assertEquals(Topology.DIRECT, Topology.of(null, null, null, LabInfo.from(INFO)));
  }

  @Test
  void unknownRouteHasNoPrediction() {
    assertTrue(TimingModel.direct(LabInfo.from(INFO), NETWORK_MS).predict("/health", 5, 5).isEmpty());
  }

  @Test
  void infoWithoutTheNeededFieldsIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> LabInfo.from(new JsonObject().put("instances", 1)));
  }

  @Test
  void disagreementBeyond25PercentIsFlagged() {
    Prediction p = new Prediction(2000, 0, "x");
    assertFalse(p.disagrees(2400));
    assertTrue(p.disagrees(2600));
    assertTrue(p.disagrees(1400));
    assertTrue(p.verdict(2600).startsWith("DISAGREES: measured is 30 % slower"));
    assertFalse(new Prediction(1, 0, "x").disagrees(40), "below the 50 ms noise floor the ratio is not judged");
    assertTrue(new Prediction(1, 0, "x").verdict(40).contains("too small to judge"));
    assertEquals("as predicted", p.verdict(2100));
  }
}
