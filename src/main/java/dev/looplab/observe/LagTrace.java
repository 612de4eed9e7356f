package dev.looplab.observe;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The last few lag samples of one loop with their times, written by the loop's probe and read by
 * any thread; enough to cover a reader that looks a few times a second (64 ticks of 20 ms).
 */
final class LagTrace {
  private static final int SIZE = 64;
  private final AtomicLongArray times = new AtomicLongArray(SIZE);
  private final AtomicLongArray lags = new AtomicLongArray(SIZE);
  private final AtomicLong written = new AtomicLong();

  void record(long lagNanos, long nowNanos) {
    int slot = (int) (written.get() % SIZE);
    lags.set(slot, lagNanos);
    times.set(slot, nowNanos);
    written.incrementAndGet();
  }

  /** The largest lag recorded at or after {@code sinceNanos} (0 if none is left in the trace). */
  long maxSince(long sinceNanos) {
    long count = Math.min(written.get(), SIZE);
    long max = 0;
    for (int i = 0; i < count; i++) {
      if (times.get(i) - sinceNanos >= 0) {
        max = Math.max(max, lags.get(i));
      }
    }
    return max;
  }
}
