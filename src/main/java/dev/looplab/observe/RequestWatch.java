package dev.looplab.observe;

import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * The observatory's part of every request, called by the server's request handler: while a route's
 * handlers run on an event loop, the board says which route and request hold that loop, and each
 * route's in-flight gauge (and the loop's own count, for the live page) counts the request until
 * its response ends. Routes are labelled by their
 * path when the router knows it, else "other", so that random URLs cannot blow up the metrics.
 * One map lookup, one thread-local lookup and one small object per request; the route counters are
 * {@code LongAdder}s, the loop's own counts are touched by that loop only.
 */
public final class RequestWatch {
  private final Router router;
  private final ActivityBoard board;
  private final LabMeters meters;
  private final BlockedLoopWatcher watcher;
  private volatile Map<String, LongAdder> inFlightByPath;
  private volatile LongAdder inFlightOther;

  RequestWatch(Router router, ActivityBoard board, LabMeters meters, BlockedLoopWatcher watcher) {
    this.router = router;
    this.board = board;
    this.meters = meters;
    this.watcher = watcher;
  }

  /** The request's route starts on this event loop. */
  public ThreadActivity enter(String path, String requestId) {
    LongAdder inFlight = inFlightByPath().get(path);
    String route = path;
    if (inFlight == null) {
      inFlight = inFlightOther;
      route = "other";
    }
    return board.enterRequest(route, requestId, inFlight);
  }

  /** The route's handlers have returned: the loop is free again (or was held too long: an episode). */
  public void exit(ThreadActivity activity) {
    board.exit(activity);
    watcher.returnedLate(activity, System.nanoTime());
  }

  /** The request's response has ended. */
  public void ended(ThreadActivity activity) {
    activity.routeInFlight.decrement();
    activity.loopInFlight.decrementAndGet();
  }

  private Map<String, LongAdder> inFlightByPath() {
    Map<String, LongAdder> known = inFlightByPath;
    if (known == null) {
      // the routes are all added by the time the first request comes
      known = router.getRoutes().stream().map(Route::getPath).filter(Objects::nonNull).distinct()
          .collect(Collectors.toUnmodifiableMap(path -> path, meters::inFlight));
      known.keySet().forEach(meters::blockedRoute);
      inFlightOther = meters.inFlight("other");
      inFlightByPath = known;
    }
    return known;
  }
}
