package dev.looplab.observe;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The observatory's part of every request, called by the server's request handler: while a route's
 * handlers run on an event loop, the board says which route and request hold that loop; each
 * route's in-flight gauge (and the loop's own count, for the live page) counts the request until
 * its response ends, and then the route's request timer records it. Routes are labelled by their
 * path when the router knows it, else "other", so that random URLs cannot blow up the metrics.
 * One map lookup, one thread-local lookup and one small object per request; the route counters are
 * {@code LongAdder}s, the loop's own counts are touched by that loop only, and the timers are found
 * once per route, method and status ({@link RouteMeters}).
 */
public final class RequestWatch {
  private final Router router;
  private final ActivityBoard board;
  private final LabMeters meters;
  private final BlockedLoopWatcher watcher;
  private volatile Map<String, RouteMeters> byPath;
  private volatile RouteMeters other;

  RequestWatch(Router router, ActivityBoard board, LabMeters meters, BlockedLoopWatcher watcher) {
    this.router = router;
    this.board = board;
    this.meters = meters;
    this.watcher = watcher;
  }

  /** The meters of the route serving {@code path}: its own when the router knows the path, else "other". */
  public RouteMeters route(String path) {
    RouteMeters route = byPath().get(path);
    return route != null ? route : other;
  }

  /** The request's route starts on this event loop; {@code startNanos}: when the request arrived, already read. */
  public ThreadActivity enter(RouteMeters route, String requestId, long startNanos) {
    return board.enterRequest(route.route, requestId, route.inFlight, startNanos);
  }

  /** The route's handlers have returned: the loop is free again (or was held too long: an episode). */
  public void exit(ThreadActivity activity) {
    board.exit(activity);
    watcher.returnedLate(activity, System.nanoTime());
  }

  /**
   * The request's response has ended, {@code nanos} after the request arrived. {@code activity} is
   * null for a request answered before its route ran (refused by the limit or the drain): it is
   * timed, but was never counted in flight.
   */
  public void ended(RouteMeters route, ThreadActivity activity, HttpMethod method, int code, long nanos) {
    if (activity != null) {
      activity.routeInFlight.decrement();
      activity.loopInFlight.decrementAndGet();
    }
    route.ended(method, code, nanos);
  }

  private Map<String, RouteMeters> byPath() {
    Map<String, RouteMeters> known = byPath;
    if (known == null) {
      // the routes are all added by the time the first request comes
      // a HashMap, not Map.of: its lookup masks the hash where Map.of's takes a remainder, and this runs on every request
      Map<String, RouteMeters> paths = new HashMap<>();
      router.getRoutes().stream().map(Route::getPath).filter(Objects::nonNull).distinct()
          .forEach(path -> paths.put(path, meters.route(path)));
      paths.keySet().forEach(meters::blockedRoute);
      known = Collections.unmodifiableMap(paths);
      other = meters.route("other");
      byPath = known;
    }
    return known;
  }
}
