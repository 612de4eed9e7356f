package dev.looplab.server;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests being served by this process right now, across all its event loops; and, for
 * {@link ConcurrencyLimit}, how many of them hold a place under the limit and how many were refused.
 */
public final class InFlightRequests {
  private final AtomicInteger current = new AtomicInteger();
  private final AtomicLong finished = new AtomicLong();
  private final AtomicInteger admitted = new AtomicInteger();
  private final AtomicLong refused = new AtomicLong();

  void started() {
    current.incrementAndGet();
  }

  void finished() {
    current.decrementAndGet();
    finished.incrementAndGet();
  }

  /** Takes a place unless {@code limit} are taken; exact across event loops (one CAS, no check-then-act). */
  boolean tryAdmit(int limit) {
    int now;
    do {
      now = admitted.get();
      if (now >= limit) {
        refused.incrementAndGet();
        return false;
      }
    } while (!admitted.compareAndSet(now, now + 1));
    return true;
  }

  void releaseAdmitted() {
    admitted.decrementAndGet();
  }

  public int current() {
    return current.get();
  }

  public long finishedTotal() {
    return finished.get();
  }

  /** Requests holding a place under the concurrency limit now. */
  public int admitted() {
    return admitted.get();
  }

  /** Requests answered 429 since start. */
  public long refusedTotal() {
    return refused.get();
  }
}
