package dev.looplab.server;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP connections this process holds, each with how many of its requests are being served and
 * how many it has begun. A connection's numbers change only on its own event loop.
 */
final class OpenConnections {
  private final Map<HttpConnection, State> open = new ConcurrentHashMap<>();
  private final AtomicLong closedIdle = new AtomicLong();

  private static final class State {
    final Context context;
    int busy;
    long begun;

    State(Context context) {
      this.context = context;
    }
  }

  /** From the server's connection handler, on the connection's loop. */
  void opened(HttpConnection connection) {
    open.put(connection, new State(Vertx.currentContext()));
    connection.closeHandler(closed -> open.remove(connection));
  }

  /** A request of this connection reached the router; returns what to call when its response ends. */
  Runnable begin(HttpConnection connection) {
    State state = open.get(connection);
    if (state == null) {
      return () -> { };
    }
    state.busy++;
    state.begun++;
    return () -> state.busy--;
  }

  int size() {
    return open.size();
  }

  long closedIdle() {
    return closedIdle.get();
  }

  /**
   * Closes the connections with no request being served, among those that have served one before
   * (or all of them, when {@code evenUnused}). Two hops through each loop: the first notes who is
   * idle, a timer then looks again; a timer runs only after the loop has polled its sockets once
   * more, so a request whose bytes were waiting behind a blocked loop is read before the check,
   * not thrown away with its connection.
   */
  void closeIdle(Vertx vertx, boolean evenUnused) {
    open.forEach((connection, state) -> state.context.runOnContext(first -> {
      if (state.busy > 0 || (state.begun == 0 && !evenUnused)) {
        return;
      }
      long begunBefore = state.begun;
      vertx.setTimer(1, second -> {
        if (state.busy == 0 && state.begun == begunBefore && open.containsKey(connection)) {
          closedIdle.incrementAndGet();
          connection.close();
        }
      });
    }));
  }
}
