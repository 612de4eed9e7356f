package dev.looplab.observe;

import org.HdrHistogram.Histogram;

/**
 * Lag samples of one event loop: a sliding window made of time slices (so old stalls age out) and
 * totals since start. Written by the loop's own timer, read by scrapes; both are rare enough that a
 * lock costs nothing measurable.
 */
final class LagWindow {
  private static final long HIGHEST_MICROS = 3_600_000_000L;
  private static final int DIGITS = 2;

  private final Histogram[] slices;
  private final long sliceNanos;
  private final Histogram total = newHistogram();
  private double totalSeconds;
  private int current;
  private long currentSliceStart;
  private long[] boundCounts;
  private long boundCountsAt;

  LagWindow(int windowSeconds, int sliceCount, long nowNanos) {
    slices = new Histogram[sliceCount];
    for (int i = 0; i < sliceCount; i++) {
      slices[i] = newHistogram();
    }
    sliceNanos = windowSeconds * 1_000_000_000L / sliceCount;
    currentSliceStart = nowNanos;
  }

  synchronized void record(long lagNanos, long nowNanos) {
    rotate(nowNanos);
    long micros = Math.min(HIGHEST_MICROS, Math.max(0, lagNanos / 1_000));
    slices[current].recordValue(micros);
    total.recordValue(micros);
    totalSeconds += lagNanos / 1e9;
  }

  /** Percentiles over the window, in seconds. */
  synchronized Snapshot window(long nowNanos) {
    rotate(nowNanos);
    Histogram merged = newHistogram();
    for (Histogram slice : slices) {
      merged.add(slice);
    }
    return Snapshot.of(merged, totalSeconds);
  }

  /**
   * Probes since start whose lag was at most each bound (to the histogram's 1 % precision). One
   * scrape reads the bounds one by one while probes keep coming; a copy taken at the first read
   * and kept for 100 ms makes all bounds of one scrape agree.
   */
  synchronized long[] countsAtMost(double[] boundsSeconds, long nowNanos) {
    if (boundCounts == null || nowNanos - boundCountsAt > 100_000_000L) {
      boundCounts = new long[boundsSeconds.length];
      for (int i = 0; i < boundsSeconds.length; i++) {
        boundCounts[i] = Double.isInfinite(boundsSeconds[i]) ? total.getTotalCount()
            : total.getCountBetweenValues(0, Math.min(HIGHEST_MICROS, (long) (boundsSeconds[i] * 1e6)));
      }
      boundCountsAt = nowNanos;
    }
    return boundCounts;
  }

  /** Everything since start, in seconds. */
  synchronized Snapshot sinceStart() {
    return Snapshot.of(total, totalSeconds);
  }

  private void rotate(long nowNanos) {
    long elapsedSlices = (nowNanos - currentSliceStart) / sliceNanos;
    if (elapsedSlices <= 0) {
      return;
    }
    for (long i = 0; i < Math.min(elapsedSlices, slices.length); i++) {
      current = (current + 1) % slices.length;
      slices[current].reset();
    }
    currentSliceStart += elapsedSlices * sliceNanos;
  }

  private static Histogram newHistogram() {
    return new Histogram(HIGHEST_MICROS, DIGITS);
  }

  /** Lag figures in seconds; {@code sumSeconds} is total lateness since start. */
  record Snapshot(long count, double p50, double p99, double max, double sumSeconds) {
    static Snapshot of(Histogram h, double sumSeconds) {
      if (h.getTotalCount() == 0) {
        return new Snapshot(0, 0, 0, 0, sumSeconds);
      }
      return new Snapshot(h.getTotalCount(), seconds(h.getValueAtPercentile(50)),
          seconds(h.getValueAtPercentile(99)), seconds(h.getMaxValue()), sumSeconds);
    }

    private static double seconds(long micros) {
      return micros / 1e6;
    }
  }
}
