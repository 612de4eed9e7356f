package dev.looplab.server;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests being served by this process right now, across all its event loops; and, for the
 * concurrency limit, how many of them hold a place under it and how many were refused. The counts
 * every request touches are {@code LongAdder}s, so the event loops do not fight over one cache line;
 * only the limit, which must be exact, takes a compare-and-set, and only when a limit is set.
 */
public final class InFlightRequests {
  private final LongAdder started = new LongAdder();
  private final LongAdder finished = new LongAdder();
  private final AtomicInteger admitted = new AtomicInteger();
  private final LongAdder refused = new LongAdder();

  void started() {
    started.increment();
  }

  void finished() {
    finished.increment();
  }

  /** Takes a place unless {@code limit} are taken; exact across event loops (one CAS, no check-then-act). */
  boolean tryAdmit(int limit) {
    int now;
    do {
      now = admitted.get();
      if (now >= limit) {
        refused.increment();
        return false;
      }
    } while (!admitted.compareAndSet(now, now + 1));
    return true;
  }

  void releaseAdmitted() {
    admitted.decrementAndGet();
  }

  public int current() {
    // finished first: a request that ends between the two reads is then counted, never negative
    long done = finished.sum();
    return (int) Math.max(0, started.sum() - done);
  }

  public long finishedTotal() {
    return finished.sum();
  }

  /** Requests holding a place under the concurrency limit now. */
  public int admitted() {
    return admitted.get();
  }

  /** Requests answered 429 since start. */
  public long refusedTotal() {
    return refused.sum();
  }
}
