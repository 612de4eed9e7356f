package dev.looplab.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The server's loop figures from one reading of its {@code /loops}: which process answered, blocked
 * episodes by route (outside and during GC pauses), timer lateness summed over its loops, the worst
 * lag of the window, and the probes at most each lag bound since start (with the +Inf bound: all).
 * Two readings of the same process, taken before and after an experiment, give what happened during it.
 */
public record LoopReadings(
    String appInstanceId,
    Map<String, Double> blockedByRoute,
    Map<String, Double> blockedDuringGcByRoute,
    double delaySeconds,
    double lagMaxWindowSeconds,
    double lagP99WindowSeconds,
    Map<Double, Double> probesByLagBound) {

  /** Whether both readings come from one server process, so that their difference means something. */
  public boolean sameProcessAs(LoopReadings other) {
    return appInstanceId != null && appInstanceId.equals(other.appInstanceId);
  }

  /** What changed from {@code before} to this reading (of the same process). */
  public Delta since(LoopReadings before) {
    double[] worst = worstLagBounds(before.probesByLagBound);
    return new Delta(difference(blockedByRoute, before.blockedByRoute),
        difference(blockedDuringGcByRoute, before.blockedDuringGcByRoute),
        Math.max(0, delaySeconds - before.delaySeconds), worst[0], worst[1], lagMaxWindowSeconds, lagP99WindowSeconds);
  }

  /**
   * The bucket that holds the run's worst lag: the smallest bound under which every probe of the
   * run fell, and the bound below it. NaN when no probe ran (or the server has no buckets).
   */
  private double[] worstLagBounds(Map<Double, Double> before) {
    double runProbes = probesByLagBound.getOrDefault(Double.POSITIVE_INFINITY, 0.0)
        - before.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
    double below = 0;
    if (runProbes > 0) {
      for (Map.Entry<Double, Double> bucket : probesByLagBound.entrySet()) {
        if (bucket.getValue() - before.getOrDefault(bucket.getKey(), 0.0) >= runProbes) {
          return new double[] {below, bucket.getKey()};
        }
        below = bucket.getKey();
      }
    }
    return new double[] {Double.NaN, Double.NaN};
  }

  private static Map<String, Long> difference(Map<String, Double> after, Map<String, Double> before) {
    Map<String, Long> moved = new TreeMap<>();
    after.forEach((route, count) -> {
      long delta = Math.round(count - before.getOrDefault(route, 0.0));
      if (delta > 0) {
        moved.put(route, delta);
      }
    });
    return moved;
  }

  /**
   * What the server's loops went through during a run.
   *
   * @param blockedByRoute         new blocked episodes outside GC pauses, by route (only routes that moved)
   * @param blockedDuringGcByRoute new episodes that GC pauses explain
   * @param delaySeconds           how much later than asked the loops ran their probe timers, summed
   * @param worstLagAboveSeconds   the run's worst lag was more than this...
   * @param worstLagAtMostSeconds  ...and at most this (bucket bounds; NaN when no probe ran)
   * @param lagMaxWindowSeconds    the worst lag of the server's sliding window (60 s) at the end of the run
   * @param lagP99WindowSeconds    the window's 99th percentile lag at the end of the run
   */
  public record Delta(
      Map<String, Long> blockedByRoute,
      Map<String, Long> blockedDuringGcByRoute,
      double delaySeconds,
      double worstLagAboveSeconds,
      double worstLagAtMostSeconds,
      double lagMaxWindowSeconds,
      double lagP99WindowSeconds) {

    /** Episodes to gate a CI on: those not explained by a GC pause. */
    public long blockedEpisodes() {
      return blockedByRoute.values().stream().mapToLong(Long::longValue).sum();
    }

    public long blockedEpisodesDuringGc() {
      return blockedDuringGcByRoute.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Plain lines for a console or the timeline picture. */
    public List<String> describe() {
      return List.of(
          String.format(Locale.ROOT, "server: %d blocked episode(s)%s, %d more during GC pauses",
              blockedEpisodes(), blockedEpisodes() == 0 ? "" : " " + routes(blockedByRoute), blockedEpisodesDuringGc()),
          String.format(Locale.ROOT, "server: event-loop timers ran %.3f s late in total; worst lag %s",
              delaySeconds, worstLag()));
    }

    private String worstLag() {
      if (Double.isNaN(worstLagAtMostSeconds)) {
        return "unknown (no probe ran)";
      }
      if (worstLagAboveSeconds == 0) {
        return "at most " + duration(worstLagAtMostSeconds);
      }
      if (Double.isInfinite(worstLagAtMostSeconds)) {
        return "over " + duration(worstLagAboveSeconds);
      }
      return "between " + duration(worstLagAboveSeconds) + " and " + duration(worstLagAtMostSeconds);
    }

    private static String duration(double seconds) {
      return seconds < 1 ? String.format(Locale.ROOT, "%.0f ms", seconds * 1000) : String.format(Locale.ROOT, "%.1f s", seconds);
    }

    private static String routes(Map<String, Long> byRoute) {
      return byRoute.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
          .collect(Collectors.joining(", ", "(", ")"));
    }
  }
}
