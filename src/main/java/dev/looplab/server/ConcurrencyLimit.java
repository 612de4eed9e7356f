package dev.looplab.server;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * Cloud Run's "maximum requests per container" on one process: at most {@code limit} requests in
 * flight, counted across all event loops; one more gets 429 with a JSON body and {@code Retry-After},
 * at once, instead of waiting in a queue. {@code /health} and {@code /metrics} are never refused, so
 * that a busy instance is not mistaken for a dead one by its probes, and a scrape still sees it.
 * A limit of 0 means no limit.
 */
final class ConcurrencyLimit implements Handler<RoutingContext> {
  static final String RETRY_AFTER_SECONDS = "1";
  private static final Set<String> NEVER_REFUSED = Set.of("/health", "/metrics");

  private final int limit;
  private final InFlightRequests inFlight;

  ConcurrencyLimit(int limit, InFlightRequests inFlight) {
    this.limit = limit;
    this.inFlight = inFlight;
  }

  @Override
  public void handle(RoutingContext rc) {
    if (limit == 0 || NEVER_REFUSED.contains(rc.request().path())) {
      rc.next();
    } else if (inFlight.tryAdmit(limit)) {
      rc.addEndHandler(done -> inFlight.releaseAdmitted());
      rc.next();
    } else {
      rc.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
      ErrorReplies.send(rc, 429, "too_many_requests", "this instance is already serving its limit of "
          + limit + " request(s) at once (--max-concurrency); retry after " + RETRY_AFTER_SECONDS + " s");
    }
  }
}
