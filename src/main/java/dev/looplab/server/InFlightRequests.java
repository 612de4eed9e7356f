package dev.looplab.server;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Requests being served by this process right now, across all its event loops. */
public final class InFlightRequests {
  private final AtomicInteger current = new AtomicInteger();
  private final AtomicLong finished = new AtomicLong();

  void started() {
    current.incrementAndGet();
  }

  void finished() {
    current.decrementAndGet();
    finished.incrementAndGet();
  }

  public int current() {
    return current.get();
  }

  public long finishedTotal() {
    return finished.get();
  }
}
