package dev.looplab.observe;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one thread is doing for a request right now: set when a handler (or worker task) starts and
 * cleared when it returns. The watcher (while it blocks) or the thread itself (when it returns
 * late) claims it as a blocked episode; claiming is once only, so one long run counts once.
 */
public final class ThreadActivity {
  private static final AtomicIntegerFieldUpdater<ThreadActivity> CLAIM =
      AtomicIntegerFieldUpdater.newUpdater(ThreadActivity.class, "claimed");

  final String route;
  final String requestId;
  final long startNanos;
  /** The in-flight count of the request's route; null for a worker task. */
  final LongAdder routeInFlight;
  /** The count of the request's route on the loop that began it; null for a worker task. */
  final AtomicInteger loopInFlight;
  private volatile int claimed;

  ThreadActivity(String route, String requestId, long startNanos, LongAdder routeInFlight, AtomicInteger loopInFlight) {
    this.route = route;
    this.requestId = requestId;
    this.startNanos = startNanos;
    this.routeInFlight = routeInFlight;
    this.loopInFlight = loopInFlight;
  }

  long runningNanos(long nowNanos) {
    return nowNanos - startNanos;
  }

  boolean claimed() {
    return claimed != 0;
  }

  /** True for the one caller that gets to report this activity as an episode. */
  boolean claim() {
    return CLAIM.compareAndSet(this, 0, 1);
  }
}
