package dev.looplab.lessons.decisions;

import io.vertx.core.Future;
import java.util.concurrent.Callable;

/** One client style's way to reach Redis and PostgreSQL. Every call is bounded in time. */
interface DecisionStore {
  /** A Redis key nothing ever pushes to: a blocking pop on it waits the whole timeout inside Redis. */
  String NEVER_FILLED = "looplab:decisions:never-filled";

  /** Waits {@code ioMs} inside Redis, then reads the cached decision; null on a miss. */
  Future<String> readCache(String key, int ioMs);

  /** Runs CPU work on the thread this style gives to work: the loop, or a worker. */
  <T> Future<T> compute(Callable<T> work);

  Future<Void> writeCache(String key, String decisionJson);

  /** Inserts the row after waiting {@code waitMs} inside PostgreSQL. */
  Future<Void> insertRow(DecisionRow row, int waitMs);

  Future<Void> close();
}
