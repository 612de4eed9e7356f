package dev.looplab.lessons.decisions;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Supplier;

/**
 * At most {@code size} calls at once, the rest waiting in order, without blocking a thread. It makes
 * the pool's queue explicit, so that waiting for a connection (normal under load) is never mistaken
 * for a database that does not answer: each call's own timeout starts when it passes the gate.
 */
final class ConnectionGate {
  private final int size;
  private final Queue<Runnable> waiting = new ArrayDeque<>();
  private int running;

  ConnectionGate(int size) {
    this.size = size;
  }

  <T> Future<T> run(Supplier<Future<T>> call) {
    Promise<T> result = Promise.promise();
    Runnable start = () -> call.get().onComplete(done -> {
      result.handle(done);
      next();
    });
    boolean now;
    synchronized (this) {
      now = running < size;
      if (now) {
        running++;
      } else {
        waiting.add(start);
      }
    }
    if (now) {
      start.run();
    }
    return result.future();
  }

  private void next() {
    Runnable start;
    synchronized (this) {
      start = waiting.poll();
      if (start == null) {
        running--;
      }
    }
    if (start != null) {
      start.run();
    }
  }
}
