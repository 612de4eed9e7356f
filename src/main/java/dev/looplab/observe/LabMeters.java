package dev.looplab.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The lab's own meters, next to Vert.x's {@code vertx_*} ones. Micrometer names with base units
 * become Prometheus names such as {@code looplab_event_loop_lag_seconds}.
 */
final class LabMeters {
  static final String LAG = "looplab.event.loop.lag";
  static final String LAG_MAX = "looplab.event.loop.lag.max";
  static final String LAG_PEAK = "looplab.event.loop.lag.peak";
  static final String DELAY = "looplab.event.loop.delay";
  static final String PROBES = "looplab.event.loop.probes";
  static final String PROBES_BY_LAG = "looplab.event.loop.probes.by.lag";
  /** Bucket bounds of the cumulative lag counts, in seconds: a before/after difference bounds a run's worst lag. */
  static final double[] LAG_BOUNDS = {0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, Double.POSITIVE_INFINITY};
  static final String BLOCKED = "looplab.blocked.episodes";
  static final String IN_FLIGHT = "looplab.requests.in.flight";
  static final String WORKER_QUEUED = "looplab.worker.tasks.queued";
  static final String WORKER_ACTIVE = "looplab.worker.tasks.active";

  private final MeterRegistry registry;
  static final String ACCESS_DROPPED = "looplab.access.log.dropped";

  private final Map<String, LongAdder> inFlight = new ConcurrentHashMap<>();

  LabMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Window percentiles and max, the peak since start, the lateness summed and the number of probes. */
  void eventLoop(String loop, LagWindow window) {
    lagGauge(LAG, loop, window, "0.5", s -> s.p50(), "Timer lateness on this event loop over the sliding window");
    lagGauge(LAG, loop, window, "0.99", s -> s.p99(), "Timer lateness on this event loop over the sliding window");
    Gauge.builder(LAG_MAX, window, w -> w.window(System.nanoTime()).max()).baseUnit("seconds")
        .description("Largest timer lateness on this event loop over the sliding window")
        .tag("event_loop", loop).register(registry);
    Gauge.builder(LAG_PEAK, window, w -> w.sinceStart().max()).baseUnit("seconds")
        .description("Largest timer lateness on this event loop since start")
        .tag("event_loop", loop).register(registry);
    FunctionCounter.builder(DELAY, window, w -> w.sinceStart().sumSeconds()).baseUnit("seconds")
        .description("Timer lateness on this event loop summed since start: time the loop was not free")
        .tag("event_loop", loop).register(registry);
    FunctionCounter.builder(PROBES, window, w -> w.sinceStart().count())
        .description("Lag probe timers run on this event loop since start")
        .tag("event_loop", loop).register(registry);
    for (int i = 0; i < LAG_BOUNDS.length; i++) {
      int bound = i;
      FunctionCounter.builder(PROBES_BY_LAG, window, w -> w.countsAtMost(LAG_BOUNDS, System.nanoTime())[bound])
          .description("Lag probe timers since start that ran at most le seconds late (cumulative, like histogram buckets)")
          .tag("event_loop", loop).tag("le", Double.isInfinite(LAG_BOUNDS[i]) ? "+Inf" : Double.toString(LAG_BOUNDS[i]))
          .register(registry);
    }
  }

  private void lagGauge(String name, String loop, LagWindow window, String quantile,
                        ToDoubleFunction<LagWindow.Snapshot> figure, String description) {
    Gauge.builder(name, window, w -> figure.applyAsDouble(w.window(System.nanoTime()))).baseUnit("seconds")
        .description(description).tag("event_loop", loop).tag("quantile", quantile).register(registry);
  }

  void blockedEpisode(BlockedEpisode episode) {
    Counter.builder(BLOCKED).description("Event loops found blocked inside a request handler, by route")
        .tag("route", episode.route()).tag("gc", Boolean.toString(episode.duringGc()))
        .register(registry).increment();
  }

  /** Makes the counter visible at 0 before the first episode, so a before/after difference works from the start. */
  void blockedRoute(String route) {
    for (String gc : new String[] {"false", "true"}) {
      Counter.builder(BLOCKED).description("Event loops found blocked inside a request handler, by route")
          .tag("route", route).tag("gc", gc).register(registry);
    }
  }

  LongAdder inFlight(String route) {
    return inFlight.computeIfAbsent(route, r -> {
      LongAdder count = new LongAdder();
      Gauge.builder(IN_FLIGHT, count, LongAdder::sum).description("Requests being served, by route")
          .tag("route", r).register(registry);
      return count;
    });
  }

  void accessLinesDropped(LongSupplier dropped) {
    FunctionCounter.builder(ACCESS_DROPPED, dropped, d -> d.getAsLong())
        .description("Access log lines dropped because the log's queue was full (the loop never waits for the log)")
        .register(registry);
  }

  void workerTasks(AtomicInteger queued, AtomicInteger active) {
    Gauge.builder(WORKER_QUEUED, queued, AtomicInteger::get)
        .description("Route tasks handed to the worker pool and waiting for a thread").register(registry);
    Gauge.builder(WORKER_ACTIVE, active, AtomicInteger::get)
        .description("Route tasks running on a worker thread now").register(registry);
  }
}
