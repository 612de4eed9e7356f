package dev.looplab.observe;

import io.vertx.core.Handler;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Wraps the rest of a request's routing: while the handlers below run on this event loop, the
 * board says which route and request hold it. Routes are labelled by their path when the router
 * knows it, else "other", so that random URLs cannot blow up the metrics.
 */
final class RequestTracker implements Handler<RoutingContext> {
  private final Router router;
  private final ActivityBoard board;
  private final LabMeters meters;
  private final Function<RoutingContext, String> requestIdOf;
  private volatile Set<String> knownPaths;

  RequestTracker(Router router, ActivityBoard board, LabMeters meters, Function<RoutingContext, String> requestIdOf) {
    this.router = router;
    this.board = board;
    this.meters = meters;
    this.requestIdOf = requestIdOf;
  }

  @Override
  public void handle(RoutingContext rc) {
    String route = label(rc.request().path());
    AtomicInteger inFlight = meters.inFlight(route);
    inFlight.incrementAndGet();
    rc.addEndHandler(done -> inFlight.decrementAndGet());
    ThreadActivity activity = board.enter(route, requestIdOf.apply(rc), true);
    try {
      rc.next();
    } finally {
      board.exit(activity);
    }
  }

  private String label(String path) {
    Set<String> paths = knownPaths;
    if (paths == null) {
      // the routes are all added by the time the first request comes
      paths = router.getRoutes().stream().map(Route::getPath).filter(Objects::nonNull).collect(Collectors.toSet());
      paths.forEach(meters::blockedRoute);
      knownPaths = paths;
    }
    return path != null && paths.contains(path) ? path : "other";
  }
}
