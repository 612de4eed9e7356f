package dev.looplab.server;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxBootstrap;
import io.vertx.core.spi.VertxServiceProvider;
import io.vertx.core.spi.context.storage.ContextLocal;

/**
 * The request id, kept on the request's own (duplicated) Vert.x context. Unlike a thread-local MDC
 * it follows the request to its timer callbacks and worker threads and never leaks to a neighbour
 * sharing the event loop. The request's {@link RouteRun} is kept there too: a slot in an array the
 * context has anyway, where the routing context's data would make a HashMap for every request.
 *
 * <p>A ContextLocal must be registered before the first Vertx exists; loading this class as a
 * service provider (META-INF/services) guarantees that for every way Vertx gets created.
 */
public final class RequestId implements VertxServiceProvider {
  private static final ContextLocal<String> KEY = ContextLocal.registerLocal(String.class);
  static final ContextLocal<RouteRun> ROUTE_RUN = ContextLocal.registerLocal(RouteRun.class);

  @Override
  public void init(VertxBootstrap bootstrap) {
    // registration happens in the static initialiser; nothing else to set up
  }

  /** Puts the id on a context: the request's own, or an event-bus consumer's for the message it handles. */
  public static void set(Context context, String requestId) {
    KEY.put(context, requestId);
  }

  /** The id of the request being served on this thread, or null outside any request. */
  public static String current() {
    Context context = Vertx.currentContext();
    return context == null ? null : KEY.get(context);
  }
}
