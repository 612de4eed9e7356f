package dev.looplab.server;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One request's run of a route: when it started, where, and the JSON answer that reports it. */
public final class RouteRun {
  private static final Logger LOG = LoggerFactory.getLogger(RouteRun.class);
  private final String route;
  private final String requestId;
  private final int taskMs;
  private final Instant startedAt = Instant.now();
  private final long startNanos = System.nanoTime();
  private final String eventLoop = Thread.currentThread().getName();
  private volatile long workerStartNanos;

  private RouteRun(String route, String requestId, int taskMs) {
    this.route = route;
    this.requestId = requestId;
    this.taskMs = taskMs;
  }

  /** Starts the run of {@code route} for the request being served on this thread (its Vert.x context). */
  public static RouteRun begin(String route, int taskMs) {
    LOG.debug("{} started, task {} ms", route, taskMs);
    RouteRun run = new RouteRun(route, RequestId.current(), taskMs);
    RequestId.ROUTE_RUN.put(Vertx.currentContext(), run);
    return run;
  }

  /** The run begun for the request being served on this thread, or null when its route began none. */
  static RouteRun current() {
    Context context = Vertx.currentContext();
    return context == null ? null : RequestId.ROUTE_RUN.get(context);
  }

  long startNanos() {
    return startNanos;
  }

  /** When the worker thread took the task, or 0 when the route used no worker. */
  long workerStartNanos() {
    return workerStartNanos;
  }

  public int taskMs() {
    return taskMs;
  }

  /** Called on the worker thread as the task starts: the time before it was spent in the queue. */
  public void workerStarted() {
    workerStartNanos = System.nanoTime();
  }

  /** The answer when the route's work ran on the current thread. */
  public JsonObject finish() {
    return finish(Thread.currentThread().getName());
  }

  public JsonObject finish(String workThread) {
    JsonObject json = new JsonObject()
        .put("route", route)
        .put("app_instance_id", AppInstance.ID)
        .put("request_id", requestId)
        .put("thread", workThread)
        .put("event_loop", eventLoop)
        .put("started_at", startedAt.toString())
        .put("duration_ms", millis(System.nanoTime() - startNanos))
        .put("task_ms", taskMs);
    if (workerStartNanos != 0) {
      json.put("queue_ms", millis(workerStartNanos - startNanos));
    }
    return json;
  }

  /** Milliseconds, kept to the microsecond. */
  private static double millis(long nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }
}
