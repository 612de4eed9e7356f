package dev.looplab.observe;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts route tasks waiting for and running on the worker pool, and shows them on the board. */
final class WorkerTasks {
  private final ActivityBoard board;
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicInteger active = new AtomicInteger();

  WorkerTasks(ActivityBoard board, LabMeters meters) {
    this.board = board;
    meters.workerTasks(queued, active);
  }

  WorkerStatus status() {
    return new WorkerStatus(active.get(), queued.get());
  }

  <T> Callable<T> track(String route, String requestId, Callable<T> task) {
    queued.incrementAndGet();
    return () -> {
      queued.decrementAndGet();
      active.incrementAndGet();
      ThreadActivity activity = board.enter(route, requestId, false);
      try {
        return task.call();
      } finally {
        board.exit(activity);
        active.decrementAndGet();
      }
    };
  }
}
