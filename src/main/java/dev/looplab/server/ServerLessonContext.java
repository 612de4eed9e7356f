package dev.looplab.server;

import dev.looplab.observe.Observatory;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;

/** The one {@link LessonContext} of a server. */
record ServerLessonContext(Vertx vertx, ServerConfig config, Observatory observatory) implements LessonContext {
  @Override
  public <T> Callable<T> onWorker(String route, String requestId, Callable<T> task) {
    return observatory.onWorker(route, requestId, task);
  }
}
