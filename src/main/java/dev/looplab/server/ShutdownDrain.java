package dev.looplab.server;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the server promises on SIGTERM: every request it reads gets an answer. During the grace
 * period requests are served as usual, each answer saying {@code Connection: close}; when the grace
 * runs out, every request still being served, and every one read after, is answered 503 JSON.
 * Vert.x's own {@code HttpServer.shutdown} is not used for this: it closes at once every connection
 * whose request it has not read yet, and behind a blocked loop that is most of them.
 *
 * <p>Called by {@link EveryRequest} for every request (no router handler of its own), it keeps the
 * set of requests being served and turns requests away once the grace is over.
 */
final class ShutdownDrain {
  private static final long SWEEP_MS = 50;
  private static final String REFUSED = "looplab.drainRefused";

  private final OpenConnections connections = new OpenConnections();
  private final LongAdder serving = new LongAdder();
  private final AtomicLong finished = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong cutOff = new AtomicLong();
  private final List<Context> loops = new CopyOnWriteArrayList<>();
  private volatile boolean draining;
  private volatile boolean expired;

  /** What a drain did: requests finished with their own answer, answered 503, cut off without one. */
  record Outcome(long finished, long refused, long cutOff, long idleClosed, long tookMs) {}

  /**
   * For every request before its route ({@link EveryRequest}): once the grace is over, a 503 and
   * null; else the request counts as being served until {@link #ended}, which is handed what this
   * returns.
   */
  OpenConnections.State serve(RoutingContext rc) {
    if (expired) {
      rc.addEndHandler(ended -> rc.request().connection().close());
      refuse(rc);
      return null;
    }
    OpenConnections.State connection = connections.begin(rc);
    serving.increment();
    return connection;
  }

  /** Just before a served request's response head goes out. */
  void headersEnding(RoutingContext rc) {
    if (draining) {
      rc.response().putHeader(HttpHeaders.CONNECTION, "close");
    }
  }

  /** When the response of a request {@link #serve} let through has ended (at {@code endNanos}), or its connection closed first. */
  void ended(RoutingContext rc, AsyncResult<Void> ended, OpenConnections.State connection, long endNanos) {
    connections.end(rc, connection, endNanos);
    serving.decrement();
    if (draining) {
      if (ended.failed() || !rc.response().ended()) {
        cutOff.incrementAndGet(); // the connection closed before the answer went out
      } else if (rc.get(REFUSED) == null) {
        finished.incrementAndGet();
      }
      rc.request().connection().close();
    }
  }

  /** Each verticle's context, so that the drain can make sure its loop has caught up. */
  void servedOn(Context context) {
    loops.add(context);
  }

  /** The server's connection handler. */
  void connected(HttpConnection connection) {
    connections.opened(connection);
  }

  /** Requests that lost their connection before their answer, plus those still without one. */
  long cutOff() {
    return cutOff.get() + serving.sum();
  }

  int openConnections() {
    return connections.size();
  }

  /** For /info: the connections open now and those closed by the timeouts. */
  JsonObject connectionsJson() {
    return connections.toJson();
  }

  OpenConnections connections() {
    return connections;
  }

  /** From here on every answer says {@code Connection: close}. */
  void begin() {
    if (draining) {
      return;
    }
    draining = true;
    // Vert.x cannot unbind without closing every connection, so the drain stops accepting itself: a
    // connection registered on a loop after this marker was accepted after the signal and is closed
    // unread; one accepted before it (even behind a blocked loop) was queued earlier and is served
    loops.forEach(loop -> loop.runOnContext(v -> connections.stopAcceptingOnThisLoop()));
  }

  /**
   * Runs the drain on the calling thread (not an event loop: it waits). Returns once every request
   * has its answer and every connection is closed, or, for loops still blocked after the grace, one
   * more grace period at the most.
   */
  Outcome drain(Vertx vertx, long graceMs) throws InterruptedException {
    long start = System.nanoTime();
    begin();
    // a response whose head is out but not its end is a stream (the live page's events): it would
    // hold the drain for the whole grace, so it ends now, cleanly; the browser reconnects elsewhere
    connections.forEachServing(ShutdownDrain::endStream);
    long graceEnd = start + graceMs * 1_000_000;
    while (!quietOnEveryLoop(graceEnd) && System.nanoTime() < graceEnd) {
      connections.closeIdle(vertx, false);
      Thread.sleep(SWEEP_MS);
    }
    if (!quietOnEveryLoop(graceEnd)) {
      expired = true;
      connections.forEachServing(this::refuse);
      long hardEnd = graceEnd + graceMs * 1_000_000;
      while (!quietOnEveryLoop(hardEnd) && System.nanoTime() < hardEnd) {
        connections.closeIdle(vertx, true);
        Thread.sleep(SWEEP_MS);
      }
    }
    return new Outcome(finished.get(), refused.get(), cutOff(), connections.closed(OpenConnections.Reason.SHUTDOWN),
        (System.nanoTime() - start) / 1_000_000);
  }

  private boolean quiet() {
    return serving.sum() == 0 && connections.size() == 0;
  }

  /**
   * Quiet, and still quiet once every loop has run a task queued now: a connection accepted while its
   * loop was blocked is registered by a task queued before ours, so it is counted by then.
   */
  private boolean quietOnEveryLoop(long deadlineNanos) throws InterruptedException {
    if (!quiet()) {
      return false;
    }
    CountDownLatch caughtUp = new CountDownLatch(loops.size());
    loops.forEach(loop -> loop.runOnContext(v -> caughtUp.countDown()));
    long waitNanos = Math.max(0, deadlineNanos - System.nanoTime());
    return caughtUp.await(waitNanos, TimeUnit.NANOSECONDS) && quiet();
  }

  private static void endStream(RoutingContext rc) {
    if (rc.response().headWritten() && !rc.response().ended() && !rc.response().closed()) {
      rc.response().end();
    }
  }

  private void refuse(RoutingContext rc) {
    if (rc.response().ended() || rc.response().headWritten()) {
      endStream(rc);
      return;
    }
    refused.incrementAndGet();
    rc.put(REFUSED, true);
    rc.response().putHeader(HttpHeaders.CONNECTION, "close");
    ErrorReplies.send(rc, 503, "shutting_down",
        "this server is shutting down and its grace period is over; retry on another instance");
  }
}
