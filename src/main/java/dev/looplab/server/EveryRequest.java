package dev.looplab.server;

import dev.looplab.observe.RequestWatch;
import dev.looplab.observe.RouteMeters;
import dev.looplab.observe.ThreadActivity;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * The one handler every request passes before its route, doing in one place what the lab adds to
 * plain Vert.x: a request id (the caller's {@code X-Request-Id} when sensible, else a new one), echoed
 * and put on the request's context; the count of requests in flight; the concurrency limit (429);
 * the shutdown drain's part ({@link ShutdownDrain#serve}); while the route runs, the activity board
 * that names a blocked loop's request; the {@code Server-Timing} header; and, when the response ends,
 * the route's request timer and one access line.
 *
 * <p>It runs on every request, so it keeps to one small object per request ({@link Trip}) with one
 * end handler and one headers-end handler, no regex, no formatting and no counter shared by the
 * event loops that is not a {@code LongAdder}.
 */
final class EveryRequest implements Handler<RoutingContext> {
  static final String HEADER = "X-Request-Id";
  static final String RETRY_AFTER_SECONDS = "1";
  // header names as Netty's AsciiString: their hash is worked out once (read and written on every
  // request) and they are copied out as bytes
  private static final CharSequence REQUEST_ID_NAME = HttpHeaders.createOptimized(HEADER);
  private static final CharSequence SERVER_TIMING_NAME = HttpHeaders.createOptimized(ServerTiming.HEADER);

  private final InFlightRequests inFlight;
  private final int limit;
  private final ShutdownDrain drain;
  private final RequestWatch watch;
  private final boolean serverTiming;
  private final boolean accessLog;

  /**
   * @param limit        requests served at once before 429, 0 for none
   * @param drain        the server's shutdown drain, or null (a router of one's own, in tests)
   * @param watch        the activity board and route meters, or null when instrumentation is off
   * @param serverTiming whether to add the {@code Server-Timing} header
   * @param accessLog    whether to write an access line per request
   */
  EveryRequest(InFlightRequests inFlight, int limit, ShutdownDrain drain, RequestWatch watch, boolean serverTiming,
               boolean accessLog) {
    this.inFlight = inFlight;
    this.limit = limit;
    this.drain = drain;
    this.watch = watch;
    this.serverTiming = serverTiming;
    this.accessLog = accessLog;
  }

  /** For a router of one's own (tests): no drain, no watch, no Server-Timing, access log on. */
  EveryRequest(InFlightRequests inFlight, int limit) {
    this(inFlight, limit, null, null, false, true);
  }

  @Override
  public void handle(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    HttpServerResponse response = rc.response();
    String id = RequestIds.chooseFor(request.getHeader(REQUEST_ID_NAME));
    RequestId.set(Vertx.currentContext(), id);
    response.headers().add(REQUEST_ID_NAME, id); // add, not put: nothing set it yet, so no search for one to replace
    inFlight.started();
    Trip trip = new Trip(rc, id, System.nanoTime());
    rc.addEndHandler(trip);
    String path = request.path();
    if (watch != null) {
      trip.route = watch.route(path);
    }
    if (limit > 0 && !neverRefused(path)) {
      if (!inFlight.tryAdmit(limit)) {
        response.putHeader("Retry-After", RETRY_AFTER_SECONDS);
        ErrorReplies.send(rc, 429, "too_many_requests", "this instance is already serving its limit of "
            + limit + " request(s) at once (--max-concurrency); retry after " + RETRY_AFTER_SECONDS + " s");
        return;
      }
      trip.admitted = true;
    }
    if (serverTiming || drain != null) {
      rc.addHeadersEndHandler(trip::headersEnding);
    }
    if (drain != null) {
      trip.served = drain.serve(rc);
      if (trip.served == null) {
        return; // answered 503: the shutdown's grace period is over
      }
    }
    if (watch == null) {
      rc.next();
      return;
    }
    ThreadActivity activity = watch.enter(trip.route, id, trip.startNanos);
    trip.activity = activity;
    try {
      rc.next();
    } finally {
      watch.exit(activity);
    }
  }

  /**
   * {@code /health} and {@code /metrics} are never refused, so that a busy instance is not mistaken
   * for a dead one by its probes, and a scrape still sees it.
   */
  private static boolean neverRefused(String path) {
    return "/health".equals(path) || "/metrics".equals(path);
  }

  /** What one request needs when its response ends. */
  private final class Trip implements Handler<AsyncResult<Void>> {
    private final RoutingContext rc;
    private final String id;
    private final long startNanos;
    private boolean admitted;
    private OpenConnections.State served; // null: not let through by the drain
    private RouteMeters route;
    private ThreadActivity activity;

    Trip(RoutingContext rc, String id, long startNanos) {
      this.rc = rc;
      this.id = id;
      this.startNanos = startNanos;
    }

    void headersEnding(Void ignored) {
      if (serverTiming) {
        rc.response().headers().add(SERVER_TIMING_NAME, ServerTiming.header(RouteRun.current(), startNanos, System.nanoTime()));
      }
      if (served != null) {
        drain.headersEnding(rc);
      }
    }

    @Override
    public void handle(AsyncResult<Void> ended) {
      inFlight.finished();
      if (admitted) {
        inFlight.releaseAdmitted();
      }
      long endNanos = System.nanoTime();
      long nanos = endNanos - startNanos;
      int status = rc.response().getStatusCode();
      if (route != null) {
        watch.ended(route, activity, rc.request().method(), status, nanos);
      }
      if (accessLog) {
        AccessLog.write(id, rc.request(), status, nanos / 1_000_000);
      }
      if (served != null) {
        drain.ended(rc, ended, served, endNanos);
      }
    }
  }
}
