package dev.looplab.live;

import dev.looplab.observe.LoopStatus;
import dev.looplab.observe.Observatory;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one snapshot all open pages share. A thread of its own (never an event loop) reads the
 * observatory every {@value #TICK_MS} ms, keeps the last minute of lag, and when pages are open
 * builds the snapshot ({@link SnapshotJson}) once and hands the same bytes to every page. A page that opens gets the
 * last minute first (the "history" event), then every tick (the "snapshot" event).
 */
final class SnapshotStream {
  static final long TICK_MS = 250;
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotStream.class);

  private final Observatory observatory;
  private final EpisodeFeed episodes;
  private final LiveExperiments experiments;
  private final LagHistory history = new LagHistory(60_000, TICK_MS);
  private final Set<StreamSubscriber> joining = ConcurrentHashMap.newKeySet();
  private final Set<StreamSubscriber> subscribers = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "looplab-live-snapshot");
    thread.setDaemon(true);
    return thread;
  });
  private final RunChanges runChanges = new RunChanges();
  private long lastTickNanos = System.nanoTime();
  private long lastEpisodeSeq;

  SnapshotStream(Observatory observatory, EpisodeFeed episodes, LiveExperiments experiments) {
    this.observatory = observatory;
    this.episodes = episodes;
    this.experiments = experiments;
  }

  void start() {
    ticker.scheduleAtFixedRate(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
  }

  void stop() {
    ticker.shutdownNow();
    joining.forEach(StreamSubscriber::end);
    subscribers.forEach(StreamSubscriber::end);
  }

  /** The page gets the last minute at once, built on the snapshot thread, then every tick. */
  void join(StreamSubscriber page) {
    joining.add(page);
    try {
      ticker.execute(this::welcomeJoiners);
    } catch (RejectedExecutionException stopped) {
      leave(page);
      page.end();
    }
  }

  void leave(StreamSubscriber page) {
    joining.remove(page);
    subscribers.remove(page);
  }

  /** Pages with a stream open now. */
  int pages() {
    return joining.size() + subscribers.size();
  }

  private void tick() {
    try {
      long now = System.nanoTime();
      List<LoopStatus> loops = observatory.loopStatus(lastTickNanos);
      lastTickNanos = now;
      JsonObject lag = SnapshotJson.lagPoint(loops);
      history.add(lag);
      JsonArray freshEpisodes = episodes.since(lastEpisodeSeq);
      if (!freshEpisodes.isEmpty()) {
        lastEpisodeSeq = freshEpisodes.getJsonObject(0).getLong("seq");
      }
      welcomeJoiners();
      if (!subscribers.isEmpty()) {
        Buffer snapshot = StreamSubscriber.event("snapshot", snapshot(lag, loops, freshEpisodes).encode());
        // one task per event loop, not per page: each hand-over to a loop may wake it up
        subscribers.stream().collect(Collectors.groupingBy(StreamSubscriber::context))
            .forEach((loop, pages) -> loop.runOnContext(v -> pages.forEach(page -> page.write(snapshot))));
      }
    } catch (RuntimeException e) {
      LOG.warn("live snapshot failed: {}", e.toString()); // the next tick tries again
    }
  }

  private void welcomeJoiners() {
    if (joining.isEmpty() || ticker.isShutdown()) {
      return;
    }
    Buffer welcome = StreamSubscriber.event("history",
        SnapshotJson.history(TICK_MS, history.toJson(), episodes.since(0), experiments.latest()).encode());
    for (StreamSubscriber page : joining) {
      page.send(welcome);
      subscribers.add(page);
      joining.remove(page);
      if (!page.open()) {
        subscribers.remove(page); // it left while being moved: leave() may have looked before the add
      }
    }
  }

  private JsonObject snapshot(JsonObject lag, List<LoopStatus> loops, JsonArray freshEpisodes) {
    JsonObject snapshot = SnapshotJson.snapshot(lag, loops, observatory.workerStatus(), freshEpisodes, pages(),
        experiments.running());
    LiveRun run = runChanges.worthSending(experiments.latest());
    return run == null ? snapshot : snapshot.put("experiment", run.toJson());
  }

  /** A run goes into the snapshot while it runs, and once more when it has finished. */
  private static final class RunChanges {
    private int sentFinishedId;

    LiveRun worthSending(LiveRun run) {
      if (run == null || run.finished() && run.id() == sentFinishedId) {
        return null;
      }
      if (run.finished()) {
        sentFinishedId = run.id();
      }
      return run;
    }
  }
}
