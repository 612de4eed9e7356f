package dev.looplab.server;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The HTTP connections this process holds: for each, how many of its requests are being served,
 * how many it has begun and since when it has been waiting for the next one. A connection's numbers
 * change only on its own event loop. Closes the connections whose request head is late (header
 * timeout), that sit idle between requests (idle timeout), or that a drain no longer needs.
 */
final class OpenConnections {
  enum Reason { HEADER_TIMEOUT, IDLE_TIMEOUT, SHUTDOWN }

  private final Map<HttpConnection, State> open = new ConcurrentHashMap<>();
  private final Map<Reason, AtomicLong> closed = Map.of(
      Reason.HEADER_TIMEOUT, new AtomicLong(), Reason.IDLE_TIMEOUT, new AtomicLong(), Reason.SHUTDOWN, new AtomicLong());

  /** One connection's requests and times; {@link #begin} hands it to the request, so that {@link #end} need not look it up. */
  static final class State {
    final Context context;
    final List<RoutingContext> serving = new ArrayList<>(1);
    long begun;
    long waitingSinceNanos = System.nanoTime();

    State(Context context) {
      this.context = context;
    }
  }

  /** What {@link #begin} gives a request on a connection this class never saw open. */
  static final State UNTRACKED = new State(null);

  private final Set<Thread> notAccepting = ConcurrentHashMap.newKeySet();
  // requests of a connection this class never saw open (none in the lab's own server)
  private final Map<RoutingContext, Context> untracked = new ConcurrentHashMap<>();

  /** Connections opened on the calling loop from now on are closed at once (a drain has begun). */
  void stopAcceptingOnThisLoop() {
    notAccepting.add(Thread.currentThread());
  }

  /** From the server's connection handler, on the connection's loop. */
  void opened(HttpConnection connection) {
    if (notAccepting.contains(Thread.currentThread())) {
      connection.close();
      return;
    }
    open.put(connection, new State(Vertx.currentContext()));
    connection.closeHandler(gone -> open.remove(connection));
  }

  /**
   * A request reached the router: it is being served until {@link #end}. Both run on the request's
   * loop, which is its connection's, so a connection's list needs no lock and a request costs no
   * allocation here. Returns the connection's state, for {@link #end}.
   */
  State begin(RoutingContext rc) {
    State state = open.get(rc.request().connection());
    if (state == null) {
      untracked.put(rc, Vertx.currentContext());
      return UNTRACKED;
    }
    state.serving.add(rc);
    state.begun++;
    return state;
  }

  /**
   * The response of a request given to {@link #begin} (which returned {@code state}) has ended at
   * {@code endNanos}, or its connection closed first.
   */
  void end(RoutingContext rc, State state, long endNanos) {
    if (state == UNTRACKED || !state.serving.remove(rc)) {
      untracked.remove(rc);
      return;
    }
    state.waitingSinceNanos = endNanos;
  }

  /** Runs {@code action} on each request being served, on that request's loop. */
  void forEachServing(Consumer<RoutingContext> action) {
    open.forEach((connection, state) -> state.context.runOnContext(v -> List.copyOf(state.serving).forEach(action)));
    untracked.forEach((rc, context) -> context.runOnContext(v -> action.accept(rc)));
  }

  int size() {
    return open.size();
  }

  long closed(Reason reason) {
    return closed.get(reason).get();
  }

  JsonObject toJson() {
    return new JsonObject().put("open", size())
        .put("closed_header_timeout", closed(Reason.HEADER_TIMEOUT))
        .put("closed_idle_timeout", closed(Reason.IDLE_TIMEOUT));
  }

  /** Checks every connection against the two limits (0 = none), often enough to be late by a fifth at most. */
  void enforceTimeouts(Vertx vertx, long headerMs, long idleMs) {
    long shortest = Math.min(headerMs == 0 ? Long.MAX_VALUE : headerMs, idleMs == 0 ? Long.MAX_VALUE : idleMs);
    if (shortest == Long.MAX_VALUE) {
      return;
    }
    vertx.setPeriodic(Math.max(10, Math.min(1000, shortest / 5)), tick -> {
      long now = System.nanoTime();
      closeIf(vertx, Reason.HEADER_TIMEOUT, state -> headerMs > 0 && state.begun == 0 && now - state.waitingSinceNanos >= headerMs * 1_000_000);
      closeIf(vertx, Reason.IDLE_TIMEOUT, state -> idleMs > 0 && state.begun > 0 && now - state.waitingSinceNanos >= idleMs * 1_000_000);
    });
  }

  /** For a drain: closes the idle connections that have served a request, or all idle ones ({@code evenUnused}). */
  void closeIdle(Vertx vertx, boolean evenUnused) {
    closeIf(vertx, Reason.SHUTDOWN, state -> evenUnused || state.begun > 0);
  }

  /**
   * Closes the connections serving nothing that match. Two hops through each loop: the first checks,
   * a timer then looks again; a timer runs only after the loop has polled its sockets once more, so
   * a request whose bytes were waiting behind a blocked loop is read first, not thrown away with
   * its connection.
   */
  private void closeIf(Vertx vertx, Reason reason, Predicate<State> due) {
    open.forEach((connection, state) -> state.context.runOnContext(first -> {
      if (!state.serving.isEmpty() || !due.test(state)) {
        return;
      }
      long begunBefore = state.begun;
      vertx.setTimer(1, second -> {
        if (state.serving.isEmpty() && state.begun == begunBefore && open.containsKey(connection)) {
          closed.get(reason).incrementAndGet();
          open.remove(connection);
          connection.close();
        }
      });
    }));
  }
}
