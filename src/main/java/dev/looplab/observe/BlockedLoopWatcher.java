package dev.looplab.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 *
 * <p>Sampling alone would miss a handler that passes the limit and returns between two checks, so
 * the tracker also reports late returns ({@link #returnedLate}); those episodes have no stack.
 * {@link #flush()} publishes everything at once, so that a scrape of /metrics is up to date.
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
  private final Queue<Pending> returned = new ConcurrentLinkedQueue<>();
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

  /** One look at the loops: publishes what the previous look found, then takes the stacks of new episodes. */
  synchronized void check(long nowNanos) {
    publish(pending);
    pending.clear();
    drainReturned(pending);
    for (ThreadSlot slot : board.slots()) {
      ThreadActivity activity = slot.current;
      if (slot.eventLoop && activity != null && !activity.claimed()
          && activity.runningNanos(nowNanos) >= limitNanos && activity.claim() && countable(activity)) {
        pending.add(capture(slot, activity, nowNanos));
      }
    }
  }

  /** Publishes every episode known now, without waiting for the next look. */
  synchronized void flush() {
    check(System.nanoTime());
    publish(pending);
    pending.clear();
  }

  /** Called on the event loop as a handler returns: counts a run past the limit that no look caught. */
  void returnedLate(ThreadActivity activity, long endNanos) {
    if (activity.runningNanos(endNanos) >= limitNanos && activity.claim() && countable(activity)) {
      returned.add(new Pending(activity, Thread.currentThread().getName(), activity.runningNanos(endNanos) / 1_000_000,
          null, List.of(), activity.startNanos, endNanos, true));
    }
  }

  private boolean countable(ThreadActivity activity) {
    return startedNanos != 0 && activity.startNanos - startedNanos >= graceNanos;
  }

  private Pending capture(ThreadSlot slot, ThreadActivity activity, long nowNanos) {
    StackTraceElement[] stack = slot.thread.getStackTrace();
    return new Pending(activity, slot.thread.getName(), activity.runningNanos(nowNanos) / 1_000_000,
        ProjectFrames.foreignTop(stack), ProjectFrames.top(stack, FRAMES), activity.startNanos, nowNanos, false);
  }

  private void drainReturned(List<Pending> into) {
    for (Pending p = returned.poll(); p != null; p = returned.poll()) {
      into.add(p);
    }
  }

  private void publish(List<Pending> episodes) {
    for (Pending p : episodes) {
      BlockedEpisode episode = new BlockedEpisode(p.activity.route, p.activity.requestId, p.thread, p.blockedMs,
          p.topFrame, p.frames, explainedByGc(p), p.endedUnseen);
      LOG.warn(episode.describe());
      listeners.forEach(listener -> listener.accept(episode));
    }
  }

  /**
   * A pause explains an episode when, without it, the handler would have stayed under the limit. A
   * short young collection inside a long sleep does not: the route still held its loop too long.
   */
  private boolean explainedByGc(Pending p) {
    long held = p.toNanos - p.fromNanos;
    return held - gcPauses.pausedNanos(p.fromNanos, p.toNanos) < limitNanos;
  }

  private record Pending(ThreadActivity activity, String thread, long blockedMs, String topFrame,
                         List<String> frames, long fromNanos, long toNanos, boolean endedUnseen) {}
}
