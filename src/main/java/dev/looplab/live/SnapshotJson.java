package dev.looplab.live;

import dev.looplab.observe.LoopStatus;
import dev.looplab.observe.WorkerStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.TreeMap;

/**
 * What the stream tells the pages, as JSON: on opening, the last minute ("history"); on each tick,
 * each loop's lag (the point the charts and the history keep), what each loop runs now, the worker
 * pool and the episodes new since the tick before ("snapshot").
 */
final class SnapshotJson {
  private SnapshotJson() {}

  /** The tick's time (epoch ms) and each loop's worst lag since the tick before. */
  static JsonObject lagPoint(List<LoopStatus> loops) {
    JsonObject byLoop = new JsonObject();
    loops.forEach(loop -> byLoop.put(loop.thread(), round(loop.lagMs())));
    return new JsonObject().put("t", System.currentTimeMillis()).put("lag", byLoop);
  }

  /** The "history" event's body, what a page gets when it opens: the last minute of lag, the episodes, the last run. */
  static JsonObject history(long tickMs, JsonArray lag, JsonArray episodes, LiveRun run) {
    return new JsonObject()
        .put("tick_ms", tickMs)
        .put("lag", lag)
        .put("episodes", episodes)
        .put("experiment", run == null ? null : run.toJson());
  }

  /** The "snapshot" event's body, without the experiment (the stream adds it when it has changed). */
  static JsonObject snapshot(JsonObject lag, List<LoopStatus> loops, WorkerStatus workers, JsonArray freshEpisodes,
                             int pages, boolean experimentRunning) {
    return new JsonObject()
        .put("t", lag.getLong("t"))
        .put("lag", lag.getJsonObject("lag"))
        .put("loops", loops(loops))
        .put("workers", new JsonObject().put("active", workers.active()).put("queued", workers.queued()))
        .put("episodes", freshEpisodes)
        .put("pages", pages)
        .put("experiment_running", experimentRunning);
  }

  private static JsonArray loops(List<LoopStatus> loops) {
    JsonArray loopsJson = new JsonArray();
    for (LoopStatus loop : loops) {
      loopsJson.add(new JsonObject().put("thread", loop.thread()).put("lag_ms", round(loop.lagMs()))
          .put("route", loop.route()).put("request_id", loop.requestId()).put("running_ms", loop.runningMs())
          .put("in_flight", new JsonObject(new TreeMap<>(loop.inFlight()))));
    }
    return loopsJson;
  }

  private static double round(double ms) {
    return Math.round(ms * 10) / 10.0;
  }
}
