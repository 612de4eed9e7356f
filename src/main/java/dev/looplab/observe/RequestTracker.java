package dev.looplab.observe;

import io.vertx.core.Handler;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Wraps the rest of a request's routing: while the handlers below run on this event loop, the
 * board says which route and request hold it. Routes are labelled by their path when the router
 * knows it, else "other", so that random URLs cannot blow up the metrics. Runs on every request,
 * so it does one map lookup and no formatting.
 */
final class RequestTracker implements Handler<RoutingContext> {
  private final Router router;
  private final ActivityBoard board;
  private final LabMeters meters;
  private final BlockedLoopWatcher watcher;
  private final Function<RoutingContext, String> requestIdOf;
  private volatile Map<String, AtomicInteger> inFlightByPath;
  private volatile AtomicInteger inFlightOther;

  RequestTracker(Router router, ActivityBoard board, LabMeters meters, BlockedLoopWatcher watcher,
                 Function<RoutingContext, String> requestIdOf) {
    this.router = router;
    this.board = board;
    this.meters = meters;
    this.watcher = watcher;
    this.requestIdOf = requestIdOf;
  }

  @Override
  public void handle(RoutingContext rc) {
    String path = rc.request().path();
    AtomicInteger inFlight = inFlightByPath().get(path);
    String route = path;
    if (inFlight == null) {
      inFlight = inFlightOther;
      route = "other";
    }
    ThreadActivity activity = board.enter(route, requestIdOf.apply(rc), true);
    AtomicInteger onThisLoop = board.inFlightHere(route);
    inFlight.incrementAndGet();
    onThisLoop.incrementAndGet();
    AtomicInteger done = inFlight;
    rc.addEndHandler(ended -> {
      done.decrementAndGet();
      onThisLoop.decrementAndGet();
    });
    try {
      rc.next();
    } finally {
      board.exit(activity);
      watcher.returnedLate(activity, System.nanoTime());
    }
  }

  private Map<String, AtomicInteger> inFlightByPath() {
    Map<String, AtomicInteger> known = inFlightByPath;
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
