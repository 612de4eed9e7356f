package dev.looplab.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One event loop's lag figures, kept by Micrometer's own timer: percentiles over a sliding window
 * (old stalls age out; the 100th is the window's max), and since start the count, the sum (how long
 * the loop was not free) and the probes at most each bound (its SLO buckets: a before/after
 * difference bounds a run's worst lag). In Prometheus: {@code looplab_event_loop_lag_seconds_bucket},
 * {@code _count}, {@code _sum} and {@code _max}; Micrometer keeps that max for the expiry times the
 * buffer length (6 minutes here), the window's own max is in {@code /loops}.
 *
 * <p>Recorded by the {@link LagRecorder}'s thread, never by the loop itself: Micrometer's window
 * takes a lock when it rotates, and a scrape holds the same lock while it reads.
 */
final class LoopLag {
  static final String NAME = "looplab.event.loop.lag";
  static final String PEAK = "looplab.event.loop.lag.peak";
  /** The buckets' upper bounds; their counts are cumulative since start, like a Prometheus histogram's. */
  static final Duration[] BOUNDS = Arrays.stream(new long[] {1, 5, 10, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000})
      .mapToObj(Duration::ofMillis).toArray(Duration[]::new);
  private static final int WINDOW_SLICES = 6;

  private final String loop;
  private final int windowSeconds;
  private final AtomicLong peakNanos = new AtomicLong();
  // set once the registry is built (DeferredRegistry), before the recorder or a reader runs
  private Timer timer;

  LoopLag(String loop, int windowSeconds) {
    this.loop = loop;
    this.windowSeconds = windowSeconds;
  }

  /** For tests: registered at once. */
  LoopLag(MeterRegistry registry, String loop, int windowSeconds) {
    this(loop, windowSeconds);
    register(registry);
  }

  void register(MeterRegistry registry) {
    this.timer = Timer.builder(NAME).tag("event_loop", loop)
        .description("How late this event loop ran its lag probe's timer")
        .publishPercentiles(0.5, 0.99, 1.0)
        .percentilePrecision(2)
        .serviceLevelObjectives(BOUNDS)
        .distributionStatisticExpiry(Duration.ofSeconds(windowSeconds))
        .distributionStatisticBufferLength(WINDOW_SLICES)
        .register(registry);
    TimeGauge.builder(PEAK, peakNanos, TimeUnit.NANOSECONDS, AtomicLong::get).tag("event_loop", loop)
        .description("Largest timer lateness on this event loop since start").register(registry);
  }

  /** On the recorder's thread only. */
  void record(long lagNanos) {
    timer.record(lagNanos, TimeUnit.NANOSECONDS);
    peakNanos.accumulateAndGet(lagNanos, Math::max);
  }

  /** This loop's part of {@code /loops}; in seconds. */
  JsonObject toJson() {
    HistogramSnapshot snapshot = timer.takeSnapshot();
    JsonArray atMost = new JsonArray();
    for (CountAtBucket bucket : snapshot.histogramCounts()) {
      atMost.add((long) bucket.count());
    }
    return new JsonObject()
        .put("event_loop", loop)
        .put("probes", snapshot.count())
        .put("lag_total_seconds", snapshot.total(TimeUnit.SECONDS))
        .put("window", new JsonObject()
            .put("p50_seconds", percentile(snapshot, 0.5))
            .put("p99_seconds", percentile(snapshot, 0.99))
            .put("max_seconds", percentile(snapshot, 1.0)))
        .put("peak_seconds", peakNanos.get() / 1e9)
        .put("probes_at_most", atMost);
  }

  private static double percentile(HistogramSnapshot snapshot, double p) {
    for (ValueAtPercentile value : snapshot.percentileValues()) {
      if (value.percentile() == p) {
        return value.value(TimeUnit.SECONDS);
      }
    }
    return 0;
  }

  static JsonArray boundsSeconds() {
    JsonArray bounds = new JsonArray();
    Arrays.stream(BOUNDS).forEach(b -> bounds.add(b.toNanos() / 1e9));
    return bounds;
  }
}
