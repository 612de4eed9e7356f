package dev.looplab.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The first call (the earliest sent) that a server process not seen before answered. On a
 * platform that starts instances on demand this call may have paid for the start; how much longer
 * it took than the instance's usual call says whether it likely did.
 */
public record ColdStart(Mode mode, String appInstanceId, int callIndex, double latencyMs, double instanceP50Ms) {

  /** Extra time over the instance's median call: below this, nothing suggests a start was paid for. */
  public static final double LIKELY_EXTRA_MS = 100;

  public double extraMs() {
    return latencyMs - instanceP50Ms;
  }

  public boolean likely() {
    return extraMs() > LIKELY_EXTRA_MS;
  }

  public String describe() {
    return String.format("%s: new instance %s first answered call #%d in %.0f ms (its p50 %.0f ms, %+.0f ms): %s",
        mode.label(), appInstanceId, callIndex, latencyMs, instanceP50Ms, extraMs(),
        likely() ? "possible cold start" : "no sign of a cold start");
  }

  static List<ColdStart> find(List<RunResult> runs, Set<String> knownBefore) {
    Set<String> known = new HashSet<>(knownBefore);
    List<ColdStart> found = new ArrayList<>();
    for (RunResult run : runs) {
      Statistics stats = Statistics.of(run);
      run.calls().stream()
          .filter(c -> c.answered() && c.appInstanceId() != null)
          .sorted(Comparator.comparingDouble(CallRecord::startMs).thenComparingInt(CallRecord::index))
          .filter(c -> known.add(c.appInstanceId()))
          .forEach(c -> found.add(new ColdStart(run.mode(), c.appInstanceId(), c.index(), c.latencyMs(),
              stats.perInstance().get(c.appInstanceId()).p50())));
    }
    return found;
  }
}
