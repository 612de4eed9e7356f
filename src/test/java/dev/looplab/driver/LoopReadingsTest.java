package dev.looplab.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looplab.model.LoopReadings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoopReadingsTest {
  private static final JsonArray BOUNDS = new JsonArray().add(0.001).add(0.5).add(1.0).add(2.5);

  /** Two loops: probes under 1 ms on both, and on loop 0 probes between 1 s and 2.5 s late. */
  private static LoopReadings reading(String instance, int slowBlocked, int gcBlocked, double delay, double max,
                                      int fast, int slow) {
    JsonObject loops = new JsonObject()
        .put("app_instance_id", instance)
        .put("lag_bounds_seconds", BOUNDS)
        .put("event_loops", new JsonArray()
            .add(loop(fast, slow, delay - 0.5, max, 0.25))
            .add(loop(fast, 0, 0.5, 0.001, 0.0001)))
        .put("blocked_episodes", new JsonObject().put("/say-hi", 1).put("/slow-run", slowBlocked))
        .put("blocked_episodes_during_gc", new JsonObject().put("/say-hi", gcBlocked));
    return LoopReadingsClient.fromJson("http://lab/loops", loops.encode());
  }

  private static JsonObject loop(int fast, int slow, double delay, double max, double p99) {
    return new JsonObject().put("probes", fast + slow).put("lag_total_seconds", delay)
        .put("window", new JsonObject().put("p50_seconds", 0.0001).put("p99_seconds", p99).put("max_seconds", max))
        .put("probes_at_most", new JsonArray().add(fast).add(fast).add(fast).add(fast + slow));
  }

  @Test
  void theDeltaIsWhatHappenedBetweenTwoReadings() {
    LoopReadings before = reading("a", 2, 0, 1.0, 0.3, 100, 0);
    LoopReadings after = reading("a", 7, 1, 3.5, 1.9, 150, 2);
    LoopReadings.Delta during = after.since(before);

    assertEquals(Map.of("/slow-run", 5L), during.blockedByRoute());
    assertEquals(5, during.blockedEpisodes());
    assertEquals(1, during.blockedEpisodesDuringGc());
    assertEquals(2.5, during.delaySeconds(), 1e-9);
    assertEquals(1.9, during.lagMaxWindowSeconds(), 1e-9);
    assertEquals(0.25, during.lagP99WindowSeconds(), 1e-9);
    assertEquals("server: 5 blocked episode(s) (/slow-run 5), 1 more during GC pauses", during.describe().get(0));
    assertEquals(1.0, during.worstLagAboveSeconds());
    assertEquals(2.5, during.worstLagAtMostSeconds());
    assertEquals("server: event-loop timers ran 2.500 s late in total; worst lag between 1.0 s and 2.5 s", during.describe().get(1));
  }

  @Test
  void aRunOfPromptProbesHasItsWorstLagInTheFirstBucket() {
    LoopReadings before = reading("a", 2, 0, 1.0, 0.3, 100, 3);
    LoopReadings.Delta during = reading("a", 2, 0, 1.001, 0.3, 180, 3).since(before);
    assertEquals(0.001, during.worstLagAtMostSeconds());
    assertTrue(during.describe().get(1).endsWith("worst lag at most 1 ms"), during.describe().get(1));
  }

  @Test
  void readingsOfTwoProcessesAreToldApart() {
    assertTrue(reading("a", 1, 0, 1, 0.1, 10, 0).sameProcessAs(reading("a", 2, 0, 1, 0.1, 20, 0)));
    assertFalse(reading("a", 1, 0, 1, 0.1, 10, 0).sameProcessAs(reading("b", 1, 0, 1, 0.1, 10, 0)));
  }

  @Test
  void anAnswerThatIsNotTheLabsIsRefused() {
    IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class,
        () -> LoopReadingsClient.fromJson("http://x/loops", "vertx_pool_in_use 0.0\n"));
    assertTrue(notJson.getMessage().contains("http://x/loops"), notJson.getMessage());
    IllegalArgumentException otherJson = assertThrows(IllegalArgumentException.class,
        () -> LoopReadingsClient.fromJson("http://x/loops", "{\"status\":\"UP\"}"));
    assertTrue(otherJson.getMessage().contains("not a looplab /loops answer"), otherJson.getMessage());
  }
}
