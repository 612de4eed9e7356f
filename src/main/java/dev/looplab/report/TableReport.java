package dev.looplab.report;

import dev.looplab.model.CallRecord;
import dev.looplab.model.ColdStart;
import dev.looplab.model.Experiment;
import dev.looplab.model.LabInfo;
import dev.looplab.model.Prediction;
import dev.looplab.model.RouteBodies;
import dev.looplab.model.RunResult;
import dev.looplab.model.Statistics;
import dev.looplab.model.Topology;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The human report: summary per run, predicted against measured, per instance, and the calls of small runs. */
public final class TableReport {
  /** Runs with more calls than this get the summary only; CSV and JSON always hold every call. */
  public static final int MAX_CALL_ROWS = 50;
  /** A server's app_instance_id is a UUID. */
  private static final int ID_WIDTH = 36;

  private TableReport() {}

  public static String render(Experiment experiment) {
    StringBuilder out = new StringBuilder();
    RunResult first = experiment.runs().get(0);
    out.append(String.format("%s %s x %d   %s%n%n", RouteBodies.method(first.plan().path()), first.plan().url(), first.plan().calls(), server(experiment)));
    summaryTable(out, experiment);
    predictions(out, experiment);
    experiment.speedFactor().ifPresent(f -> out.append(String.format("speed factor sync/async: %.1fx%n%n", f)));
    perInstance(out, experiment);
    coldStarts(out, experiment);
    for (RunResult run : experiment.runs()) {
      calls(out, run);
    }
    return out.toString();
  }

  static String server(Experiment experiment) {
    LabInfo info = experiment.probe().info();
    if (info == null) {
      return String.format("server without /info (no predictions), network %.2f ms", experiment.probe().networkMs());
    }
    String server = String.format("server %s: %d event loop(s), task %d ms, worker pool %d, network %.2f ms",
        info.appInstanceId(), info.instances(), info.taskMs(), info.workerPoolSize(), experiment.probe().networkMs());
    Topology topology = experiment.probe().topology();
    return topology.isDirect() ? server : server + "; behind the URL " + topology.describe();
  }

  private static void summaryTable(StringBuilder out, Experiment experiment) {
    out.append(String.format("%-6s %7s %9s %10s %9s %9s %9s %9s %9s %9s %7s%n",
        "mode", "calls", "in flight", "wall ms", "calls/s", "min ms", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors"));
    for (RunResult run : experiment.runs()) {
      Statistics s = Statistics.of(run);
      out.append(String.format("%-6s %7d %9d %10.1f %9.2f %9.1f %9.1f %9.1f %9.1f %9.1f %7d%n",
          run.mode().label(), s.calls(), run.concurrency(), s.wallMs(), s.callsPerSecond(), s.latency().min(),
          s.latency().p50(), s.latency().p90(), s.latency().p99(), s.latency().max(), s.errors()));
      if (!s.errorsByKind().isEmpty()) {
        out.append("       errors: ").append(kinds(s.errorsByKind())).append('\n');
      }
      if (!run.complete()) {
        out.append(String.format("       INCOMPLETE: interrupted after %d of %d calls%n", s.calls(), run.plan().calls()));
      }
    }
    out.append('\n');
  }

  private static void predictions(StringBuilder out, Experiment experiment) {
    if (experiment.model().isEmpty()) {
      return;
    }
    out.append("predicted vs measured (wall time)\n");
    for (RunResult run : experiment.runs()) {
      Optional<Prediction> prediction = experiment.prediction(run);
      if (prediction.isEmpty()) {
        out.append(String.format("%-6s no model for %s%n", run.mode().label(), run.plan().path()));
        continue;
      }
      Prediction p = prediction.get();
      out.append(String.format("%-6s predicted %.0f ms, measured %.0f ms, ratio %.2f: %s%n       why: %s%n",
          run.mode().label(), p.wallMs(), run.wallMs(), p.ratio(run.wallMs()), p.verdict(run.wallMs()), p.reasoning()));
      int throttled = Statistics.of(run).throttled();
      if (p.refused() > 0 || throttled > 0) {
        out.append(String.format("       429 (too many requests): predicted %d, measured %d%n", p.refused(), throttled));
      }
    }
    out.append('\n');
  }

  private static void perInstance(StringBuilder out, Experiment experiment) {
    String row = "%-6s %-" + ID_WIDTH + "s %7s %9s %9s  %s%n";
    out.append("per app_instance_id\n").append(String.format(row, "mode", "app_instance_id", "calls", "p50 ms", "p99 ms", "statuses"));
    for (RunResult run : experiment.runs()) {
      Statistics.of(run).perInstance().forEach((id, st) -> out.append(String.format(row, run.mode().label(), id,
          st.calls(), String.format("%.1f", st.p50()), String.format("%.1f", st.p99()), statuses(st.statusCounts()))));
    }
    out.append('\n');
  }

  private static void coldStarts(StringBuilder out, Experiment experiment) {
    List<ColdStart> found = experiment.coldStarts();
    if (found.isEmpty()) {
      return;
    }
    out.append("instances not seen before (the first call to a new instance may have paid for its start)\n");
    found.forEach(c -> out.append("  ").append(c.describe()).append('\n'));
    out.append('\n');
  }

  private static void calls(StringBuilder out, RunResult run) {
    if (run.calls().size() > MAX_CALL_ROWS) {
      out.append(String.format("calls (%s): %d rows, see --format csv or json%n%n", run.mode().label(), run.calls().size()));
      return;
    }
    out.append(String.format("calls (%s)%n%4s %6s %-" + ID_WIDTH + "s %-28s %9s %9s %10s  %s%n", run.mode().label(),
        "#", "status", "app_instance_id", "thread", "start ms", "end ms", "latency ms", "error"));
    for (CallRecord c : run.calls()) {
      out.append(String.format("%4d %6s %-" + ID_WIDTH + "s %-28s %9.1f %9.1f %10.1f  %s", c.index(),
          c.status() == 0 ? "-" : c.status(), dash(c.appInstanceId()), dash(c.thread()), c.startMs(), c.endMs(),
          c.latencyMs(), c.ok() ? "" : c.errorLabel() + ": " + c.errorDetail()).stripTrailing()).append('\n');
    }
    out.append('\n');
  }

  static String kinds(Map<String, Integer> byKind) {
    return byKind.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", "));
  }

  private static String statuses(Map<Integer, Integer> counts) {
    return counts.entrySet().stream()
        .map(e -> (e.getKey() == 0 ? "none" : String.valueOf(e.getKey())) + " x" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static String dash(String value) {
    return value == null ? "-" : value;
  }
}
