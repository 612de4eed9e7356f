package dev.looplab.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at every event loop each check interval; a loop that has been inside one request's handler
 * longer than the limit is a blocked episode. Its stack is taken at once (while it still blocks),
 * and the episode is published one interval later, so that the notification of a GC pause that
 * overlapped it has had time to arrive. Like Vert.x's own checker it runs on its own thread; unlike
 * it, it names the route, the request and our line of code.
 */
final class BlockedLoopWatcher {
  public static final String LOGGER_NAME = "looplab.blocked";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);
  private static final int FRAMES = 3;

  private final ActivityBoard board;
  private final long limitNanos;
  private final long intervalMs;
  private final long graceNanos;
  private final GcPauses gcPauses;
  private final List<Consumer<BlockedEpisode>> listeners = new CopyOnWriteArrayList<>();
  private final List<Pending> pending = new ArrayList<>();
  private volatile long startedNanos;
  private volatile Thread thread;

  BlockedLoopWatcher(ActivityBoard board, long limitMs, long intervalMs, long graceMs) {
    this(board, limitMs, intervalMs, graceMs, GcPauses.jvm());
  }

  BlockedLoopWatcher(ActivityBoard board, long limitMs, long intervalMs, long graceMs, GcPauses gcPauses) {
    this.board = board;
    this.gcPauses = gcPauses;
    this.limitNanos = limitMs * 1_000_000;
    this.intervalMs = intervalMs;
    this.graceNanos = graceMs * 1_000_000;
  }

  void onEpisode(Consumer<BlockedEpisode> listener) {
    listeners.add(listener);
  }

  void start() {
    markStarted(System.nanoTime());
    Thread watcher = new Thread(this::run, "looplab-blocked-watcher");
    watcher.setDaemon(true);
    thread = watcher;
    watcher.start();
  }

  /** The start-up grace period counts from here. */
  void markStarted(long nanos) {
    startedNanos = nanos;
  }

  void stop() {
    Thread watcher = thread;
    thread = null;
    if (watcher != null) {
      watcher.interrupt();
    }
  }

  private void run() {
    while (thread == Thread.currentThread()) {
      try {
        Thread.sleep(intervalMs);
      } catch (InterruptedException e) {
        return;
      }
      check(System.nanoTime());
    }
  }

  void check(long nowNanos) {
    publishPending();
    for (ThreadSlot slot : board.slots()) {
      ThreadActivity activity = slot.current;
      if (slot.eventLoop && activity != null && !activity.reported && activity.runningNanos(nowNanos) >= limitNanos) {
        activity.reported = true;
        if (activity.startNanos - startedNanos >= graceNanos) {
          pending.add(capture(slot, activity, nowNanos));
        }
      }
    }
  }

  private Pending capture(ThreadSlot slot, ThreadActivity activity, long nowNanos) {
    StackTraceElement[] stack = slot.thread.getStackTrace();
    long blockedMs = activity.runningNanos(nowNanos) / 1_000_000;
    return new Pending(activity, slot.thread.getName(), blockedMs, ProjectFrames.foreignTop(stack),
        ProjectFrames.top(stack, FRAMES), activity.startNanos, nowNanos);
  }

  private void publishPending() {
    for (Pending p : pending) {
      BlockedEpisode episode = new BlockedEpisode(p.activity.route, p.activity.requestId, p.thread, p.blockedMs,
          p.topFrame, p.frames, gcPauses.overlaps(p.fromNanos, p.toNanos));
      LOG.warn(episode.describe());
      listeners.forEach(listener -> listener.accept(episode));
    }
    pending.clear();
  }

  private record Pending(ThreadActivity activity, String thread, long blockedMs, String topFrame,
                         List<String> frames, long fromNanos, long toNanos) {}
}
