package dev.looplab.server;

import dev.looplab.observe.Observatory;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;

/** What the server hands a lesson: its Vertx, its configuration, and the hook that shows worker tasks. */
public interface LessonContext {
  Vertx vertx();

  ServerConfig config();

  /** The server's instrumentation, for a lesson that shows it (lag, blocked episodes, threads). */
  Observatory observatory();

  /** Wraps a task for the worker pool so that {@code /threads} and the worker meters see it. */
  <T> Callable<T> onWorker(String route, String requestId, Callable<T> task);
}
