package dev.looplab.observe;

import io.vertx.core.Vertx;

/**
 * Measures how late one event loop runs a timer: each tick asks to be called back after the
 * interval and, when it is, records how much later than that it came. A loop blocked for B ms
 * shows a lag of at least B minus one interval.
 *
 * <p>One-shot timers chained one after the other, not a periodic timer: a periodic one would fire
 * its missed runs back to back after a stall, hiding how long the stall was.
 */
final class LoopLagProbe {
  private final Vertx vertx;
  private final long intervalMs;
  private final LoopLag lag;
  private final LagRecorder recorder;
  private volatile boolean stopped;
  private long expectedNanos;

  LoopLagProbe(Vertx vertx, long intervalMs, LoopLag lag, LagRecorder recorder) {
    this.vertx = vertx;
    this.intervalMs = intervalMs;
    this.lag = lag;
    this.recorder = recorder;
  }

  /** Must be called on the event loop to be watched: the timers run on the caller's context. */
  void start() {
    schedule();
  }

  void stop() {
    stopped = true;
  }

  private void schedule() {
    expectedNanos = System.nanoTime() + intervalMs * 1_000_000;
    vertx.setTimer(intervalMs, id -> tick());
  }

  private void tick() {
    long now = System.nanoTime();
    recorder.offer(lag, Math.max(0, now - expectedNanos));
    if (!stopped) {
      schedule();
    }
  }
}
