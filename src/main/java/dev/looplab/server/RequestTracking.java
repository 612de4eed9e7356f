package dev.looplab.server;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First handler of every request: gives it a request id (the caller's {@code X-Request-Id} when it
 * is sensible, else a new one), echoes the id, counts the request in flight, and writes one access
 * line when the response ends.
 */
final class RequestTracking implements Handler<RoutingContext> {
  static final String HEADER = "X-Request-Id";
  private static final Logger ACCESS = LoggerFactory.getLogger("looplab.access");
  private static final Pattern SENSIBLE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final String KEY = "looplab.requestId";

  private final InFlightRequests inFlight;

  RequestTracking(InFlightRequests inFlight) {
    this.inFlight = inFlight;
  }

  @Override
  public void handle(RoutingContext rc) {
    String id = chooseId(rc.request().getHeader(HEADER));
    long startNanos = System.nanoTime();
    rc.put(KEY, id);
    RequestId.set(Vertx.currentContext(), id);
    rc.response().putHeader(HEADER, id);
    inFlight.started();
    rc.addEndHandler(done -> {
      inFlight.finished();
      ACCESS.info("{} {} {} {} ms", LogSafe.of(rc.request().method()), LogSafe.of(rc.request().uri()),
          rc.response().getStatusCode(), (System.nanoTime() - startNanos) / 1_000_000);
    });
    rc.next();
  }

  static String id(RoutingContext rc) {
    return rc.get(KEY);
  }

  private static String chooseId(String offered) {
    if (offered != null && SENSIBLE_ID.matcher(offered).matches()) {
      return offered;
    }
    return String.format("%016x", ThreadLocalRandom.current().nextLong());
  }
}
