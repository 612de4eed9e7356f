package dev.looplab.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The lab's own meters, next to Vert.x's {@code vertx_*} ones. Micrometer names with base units
 * become Prometheus names such as {@code looplab_event_loop_lag_seconds}.
 */
final class LabMeters {
  static final String BLOCKED = "looplab.blocked.episodes";
  static final String IN_FLIGHT = "looplab.requests.in.flight";
  static final String WORKER_QUEUED = "looplab.worker.tasks.queued";
  static final String WORKER_ACTIVE = "looplab.worker.tasks.active";
  static final String ACCESS_DROPPED = "looplab.access.log.dropped";
  static final String LOG_DROPPED = "looplab.log.lines.dropped";

  private final DeferredRegistry registry;
  private final Map<String, RouteMeters> routes = new ConcurrentHashMap<>();

  LabMeters(DeferredRegistry registry) {
    this.registry = registry;
  }

  void blockedEpisode(BlockedEpisode episode) {
    registry.whenBuilt(built -> Counter.builder(BLOCKED).description("Event loops found blocked inside a request handler, by route")
        .tag("route", episode.route()).tag("gc", Boolean.toString(episode.duringGc()))
        .register(built).increment());
  }

  /** Makes the counter visible at 0 before the first episode, so a before/after difference works from the start. */
  void blockedRoute(String route) {
    registry.whenBuilt(built -> {
      for (String gc : new String[] {"false", "true"}) {
        Counter.builder(BLOCKED).description("Event loops found blocked inside a request handler, by route")
            .tag("route", route).tag("gc", gc).register(built);
      }
    });
  }

  /** Blocked episodes so far by route, outside GC pauses or explained by them. Off the event loops only. */
  JsonObject blockedEpisodes(boolean duringGc) {
    Map<String, Long> byRoute = new TreeMap<>();
    registry.await().find(BLOCKED).tag("gc", Boolean.toString(duringGc)).counters()
        .stream().filter(c -> c.count() > 0)
        .forEach(c -> byRoute.merge(c.getId().getTag("route"), (long) c.count(), Long::sum));
    return new JsonObject(new LinkedHashMap<>(byRoute));
  }

  /** The route's in-flight gauge and request timers, made once per route. */
  RouteMeters route(String route) {
    return routes.computeIfAbsent(route, r -> {
      LongAdder count = new LongAdder();
      registry.whenBuilt(built -> Gauge.builder(IN_FLIGHT, count, LongAdder::sum).description("Requests being served, by route")
          .tag("route", r).register(built));
      return new RouteMeters(r, count, registry);
    });
  }

  void accessLinesDropped(LongSupplier dropped) {
    registry.whenBuilt(built -> FunctionCounter.builder(ACCESS_DROPPED, dropped, d -> d.getAsLong())
        .description("Access log lines dropped because the log's queue was full (the loop never waits for the log)")
        .register(built));
  }

  void logLinesDropped(LongSupplier dropped) {
    registry.whenBuilt(built -> FunctionCounter.builder(LOG_DROPPED, dropped, d -> d.getAsLong())
        .description("Other log lines dropped because the console's queue was full (no thread waits for the console)")
        .register(built));
  }

  void workerTasks(AtomicInteger queued, AtomicInteger active) {
    registry.whenBuilt(built -> {
      Gauge.builder(WORKER_QUEUED, queued, AtomicInteger::get)
          .description("Route tasks handed to the worker pool and waiting for a thread").register(built);
      Gauge.builder(WORKER_ACTIVE, active, AtomicInteger::get)
          .description("Route tasks running on a worker thread now").register(built);
    });
  }
}
