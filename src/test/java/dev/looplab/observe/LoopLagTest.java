package dev.looplab.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** One loop's figures through Micrometer's timer, on a clock the test moves. */
class LoopLagTest {
  private final MockClock clock = new MockClock();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock);
  private final LoopLag lag = new LoopLag(registry, "loop-0", 60);

  private void recordOneStallAndManyPromptProbes() {
    lag.record(400_000_000L);
    for (int i = 0; i < 99; i++) {
      lag.record(100_000L);
    }
  }

  @Test
  void theWindowForgetsOldLagButTheTotalsAndBucketsKeepIt() {
    recordOneStallAndManyPromptProbes();
    JsonObject now = lag.toJson();
    JsonObject window = now.getJsonObject("window");
    assertTrue(window.getDouble("max_seconds") >= 0.399 && window.getDouble("max_seconds") <= 0.405, now.encode());
    assertTrue(window.getDouble("p50_seconds") < 0.0002, now.encode());
    assertEquals(100, now.getLong("probes"));

    clock.add(Duration.ofSeconds(61));
    JsonObject aMinuteLater = lag.toJson();
    assertEquals(0.0, aMinuteLater.getJsonObject("window").getDouble("max_seconds"), aMinuteLater.encode());
    assertEquals(0.0, aMinuteLater.getJsonObject("window").getDouble("p99_seconds"), aMinuteLater.encode());
    assertEquals(100, aMinuteLater.getLong("probes"));
    assertTrue(aMinuteLater.getDouble("lag_total_seconds") > 0.409, aMinuteLater.encode());
    assertTrue(aMinuteLater.getDouble("peak_seconds") >= 0.399, aMinuteLater.encode());
    JsonArray atMost = aMinuteLater.getJsonArray("probes_at_most");
    assertEquals(LoopLag.BOUNDS.length, atMost.size());
    assertEquals(99, atMost.getLong(0), "99 probes at most 1 ms late: " + atMost);
    assertEquals(99, atMost.getLong(5), "still 99 at most 250 ms: " + atMost);
    assertEquals(100, atMost.getLong(6), "all 100 at most 500 ms: " + atMost);
  }

  @Test
  void prometheusShowsTheTimersHistogram() {
    recordOneStallAndManyPromptProbes();
    String text = registry.scrape();
    for (String sample : new String[] {
        "looplab_event_loop_lag_seconds_bucket{event_loop=\"loop-0\",le=\"0.001\"} 99",
        "looplab_event_loop_lag_seconds_count{event_loop=\"loop-0\"} 100",
        "looplab_event_loop_lag_seconds_max{event_loop=\"loop-0\"} 0.4",
        "looplab_event_loop_lag_peak_seconds{event_loop=\"loop-0\"} 0.4"}) {
      assertTrue(text.contains(sample), sample + " missing from\n" + text);
    }
  }

  @Test
  void aLoopsSampleReachesMicrometerOnlyThroughTheRecorder() {
    LagRecorder recorder = new LagRecorder(20);
    recorder.offer(lag, 5_000_000L);
    assertEquals(0, lag.toJson().getLong("probes"), "the loop only queued its sample");
    recorder.drain();
    assertEquals(1, lag.toJson().getLong("probes"));
  }
}
