package dev.looplab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DecisionsPredictionTest {
  private static final JsonObject INFO = new JsonObject().put("instances", 1).put("task_ms", 2000).put("worker_pool_size", 20)
      .put("decisions", new JsonObject().put("db_pool_size", 4).put("reactive_pool_size", 8).put("model_ms", 0));

  private static Optional<Prediction> predict(JsonObject info, String path, int calls) {
    return TimingModel.direct(LabInfo.from(info), 1).predict(path, calls, calls);
  }

  @Test
  void onTheLoopTwentyFiveDecisionsWaitOneAfterAnother() {
    Prediction loop = predict(INFO, "/decisions?client=loop&io_ms=500", 25).orElseThrow();
    assertEquals(25 * 500, loop.wallMs());
    assertTrue(loop.reasoning().contains("ceil(25 / 1) = 25 round(s) x T 500 ms"), loop.reasoning());
  }

  @Test
  void onWorkersAndReactiveClientsThePoolIsTheBound() {
    assertEquals(7 * 500, predict(INFO, "/decisions?client=worker&io_ms=500", 25).orElseThrow().wallMs());   // ceil(25/4)
    assertEquals(4 * 500, predict(INFO, "/decisions?io_ms=500&client=reactive", 25).orElseThrow().wallMs()); // ceil(25/8)
  }

  @Test
  void twoLoopsServeTwoDecisionsAtOnce() {
    assertEquals(13 * 300, predict(INFO.copy().put("instances", 2), "/decisions?client=loop&io_ms=300", 25).orElseThrow().wallMs());
  }

  @Test
  void theModelsCpuTimeAddsWhereItRuns() {
    JsonObject info = INFO.copy().put("decisions", INFO.getJsonObject("decisions").copy().put("model_ms", 20));
    assertEquals(25 * 500 + 25 * 20, predict(info, "/decisions?client=loop&io_ms=500", 25).orElseThrow().wallMs());
    assertEquals(7 * 500 + 20, predict(info, "/decisions?client=worker&io_ms=500", 25).orElseThrow().wallMs());
    assertEquals(4 * 500 + 1 * 20, predict(info, "/decisions?client=reactive&io_ms=500", 25).orElseThrow().wallMs()); // 25 = 3 x 8 + 1
    // the last round of 4 models shares 2 cores: 2 x 20 ms
    assertEquals(2 * 500 + 2 * 20, predict(info.copy().put("cores", 2), "/decisions?client=worker&io_ms=500", 8).orElseThrow().wallMs());
    assertEquals(4 * 100 + 4 * 5, predict(info, "/decisions?client=loop&io_ms=100&model_ms=5", 4).orElseThrow().wallMs());
  }

  @Test
  void aServerWithoutTheDecisionsSectionGetsNoPredictionForPooledClients() {
    JsonObject old = INFO.copy();
    old.remove("decisions");
    assertTrue(predict(old, "/decisions?client=reactive&io_ms=500", 25).isEmpty());
  }
}
