package dev.looplab.observe;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The loop figures as one small JSON document ({@code GET /loops}), for the experiment driver and for
 * people: which process answered, each loop's lag (window and since start) and its probe counts,
 * and the blocked episodes by route. Read off the event loops, after the queued samples and the
 * pending episodes are in.
 */
final class LoopsView {
  private final ObserveOptions options;
  private final LabMeters meters;
  private final LagRecorder recorder;
  private final BlockedLoopWatcher watcher;
  private final List<LoopLag> loops = new CopyOnWriteArrayList<>();

  LoopsView(ObserveOptions options, LabMeters meters, LagRecorder recorder, BlockedLoopWatcher watcher) {
    this.options = options;
    this.meters = meters;
    this.recorder = recorder;
    this.watcher = watcher;
  }

  void add(LoopLag loop) {
    loops.add(loop);
  }

  /**
   * Reads with the meters up to date (the samples still queued, the episodes found but not yet
   * published) and no lag sample recorded while it reads.
   */
  <T> T upToDate(Supplier<T> reading) {
    watcher.flush();
    return recorder.read(reading);
  }

  JsonObject snapshot(String appInstanceId) {
    return upToDate(() -> json(appInstanceId));
  }

  private JsonObject json(String appInstanceId) {
    JsonArray eventLoops = new JsonArray();
    loops.forEach(loop -> eventLoops.add(loop.toJson()));
    return new JsonObject()
        .put("app_instance_id", appInstanceId)
        .put("probe_interval_ms", options.probeIntervalMs())
        .put("window_seconds", options.windowSeconds())
        .put("lag_bounds_seconds", LoopLag.boundsSeconds())
        .put("event_loops", eventLoops)
        .put("blocked_episodes", meters.blockedEpisodes(false))
        .put("blocked_episodes_during_gc", meters.blockedEpisodes(true));
  }
}
