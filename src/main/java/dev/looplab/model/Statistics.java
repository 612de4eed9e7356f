package dev.looplab.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The summary of a run. Latency covers the calls the server answered (any status); a call with no
 * answer (timeout, refused) is counted in {@code errorsByKind} only, since its "latency" is the
 * timeout or the refusal, not the server's.
 */
public record Statistics(
    int calls,
    int succeeded,
    double wallMs,
    double callsPerSecond,
    Latency latency,
    Map<String, Integer> errorsByKind,
    Map<String, InstanceStats> perInstance) {

  /** What one server process (one {@code app_instance_id}) did in the run. */
  public record InstanceStats(int calls, double p50, double p99, Map<Integer, Integer> statusCounts) {}

  public static final String NO_ANSWER = "(no answer)";

  public static Statistics of(RunResult run) {
    List<CallRecord> calls = run.calls();
    int succeeded = (int) calls.stream().filter(CallRecord::ok).count();
    double perSecond = run.wallMs() > 0 ? calls.size() * 1000.0 / run.wallMs() : 0;
    return new Statistics(calls.size(), succeeded, run.wallMs(), perSecond,
        latencyOf(calls, CallRecord::answered), errorsByKind(calls), perInstance(calls));
  }

  private static Latency latencyOf(List<CallRecord> calls, Predicate<CallRecord> which) {
    return Latency.of(calls.stream().filter(which).map(CallRecord::latencyMs).toList());
  }

  private static Map<String, Integer> errorsByKind(List<CallRecord> calls) {
    return calls.stream().filter(c -> !c.ok())
        .collect(Collectors.groupingBy(CallRecord::errorLabel, TreeMap::new, Collectors.summingInt(c -> 1)));
  }

  private static Map<String, InstanceStats> perInstance(List<CallRecord> calls) {
    Map<String, List<CallRecord>> byInstance = calls.stream().collect(Collectors.groupingBy(
        c -> c.appInstanceId() != null ? c.appInstanceId() : NO_ANSWER, TreeMap::new, Collectors.toList()));
    Map<String, InstanceStats> result = new TreeMap<>();
    byInstance.forEach((id, its) -> {
      Latency latency = latencyOf(its, CallRecord::answered);
      Map<Integer, Integer> statuses = its.stream()
          .collect(Collectors.groupingBy(CallRecord::status, TreeMap::new, Collectors.summingInt(c -> 1)));
      result.put(id, new InstanceStats(its.size(), latency.p50(), latency.p99(), statuses));
    });
    return result;
  }

  /** Calls answered 429: a capacity limit said no, which is not an application error. */
  public int throttled() {
    return errorsByKind.getOrDefault(ErrorKind.THROTTLED.label(), 0);
  }

  public int errors() {
    return calls - succeeded;
  }
}
