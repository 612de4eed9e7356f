package dev.looplab.model;

import java.util.Collection;
import org.HdrHistogram.Histogram;

/**
 * Latency percentiles in milliseconds, from an HdrHistogram kept in microseconds with 3 significant
 * digits (so a percentile is within 0.1 % of the true value). All zero when there are no values.
 */
public record Latency(int count, double min, double p50, double p90, double p99, double max, double mean) {
  private static final long HIGHEST_MICROS = 3_600_000_000L;

  public static Latency of(Collection<Double> millis) {
    if (millis.isEmpty()) {
      return new Latency(0, 0, 0, 0, 0, 0, 0);
    }
    Histogram histogram = new Histogram(HIGHEST_MICROS, 3);
    for (double ms : millis) {
      histogram.recordValue(Math.max(0, Math.min(HIGHEST_MICROS, Math.round(ms * 1000))));
    }
    return new Latency(millis.size(),
        ms(histogram.getMinValue()),
        ms(histogram.getValueAtPercentile(50)),
        ms(histogram.getValueAtPercentile(90)),
        ms(histogram.getValueAtPercentile(99)),
        ms(histogram.getMaxValue()),
        histogram.getMean() / 1000);
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }
}
