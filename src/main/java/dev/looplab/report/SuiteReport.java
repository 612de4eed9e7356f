package dev.looplab.report;

import dev.looplab.model.Experiment;
import dev.looplab.model.Prediction;
import dev.looplab.model.RunResult;
import dev.looplab.model.ServerProbe;
import dev.looplab.model.Statistics;
import java.util.Optional;

/** The suite's compact report: one line per run, measured against predicted, and the speed factors. */
public final class SuiteReport {
  private final StringBuilder text = new StringBuilder();

  public SuiteReport(ServerProbe probe) {
    text.append(header(probe)).append('\n');
  }

  private static String header(ServerProbe probe) {
    String server = probe.info() == null ? "server without /info (no predictions)"
        : String.format("server %s: %d event loop(s), task %d ms, worker pool %d, network %.2f ms",
            probe.info().appInstanceId(), probe.info().instances(), probe.info().taskMs(), probe.info().workerPoolSize(),
            probe.networkMs())
            + (probe.topology().isDirect() ? "" : "; behind the URL " + probe.topology().describe());
    return server + String.format("%n%n%-20s %-5s %5s %9s %9s %9s %9s %6s  %-10s %6s %9s",
        "step", "mode", "calls", "in flight", "wall ms", "p50 ms", "predicted", "ratio", "verdict", "errors", "instances");
  }

  public String header() {
    return text.toString();
  }

  /** Adds a step's lines and returns them. */
  public synchronized String add(String step, Experiment experiment) {
    StringBuilder lines = new StringBuilder();
    for (RunResult run : experiment.runs()) {
      Statistics s = Statistics.of(run);
      Optional<Prediction> p = experiment.prediction(run);
      lines.append(String.format("%-20s %-5s %5d %9d %9.0f %9.0f %9s %6s  %-10s %6d %9d%n", step, run.mode().label(),
          s.calls(), run.concurrency(), run.wallMs(), s.latency().p50(),
          p.map(x -> String.format("%.0f", x.wallMs())).orElse("-"),
          p.map(x -> String.format("%.2f", x.ratio(run.wallMs()))).orElse("-"),
          p.map(x -> x.agreement(run.wallMs()).label()).orElse("-"),
          s.errors(), s.perInstance().keySet().stream().filter(id -> !id.equals(Statistics.NO_ANSWER)).count()));
      if (!s.errorsByKind().isEmpty()) {
        lines.append("    errors: ").append(TableReport.kinds(s.errorsByKind())).append('\n');
      }
    }
    experiment.coldStarts().forEach(c -> lines.append("    ").append(c.describe()).append('\n'));
    experiment.speedFactor().ifPresent(f -> lines.append(String.format("    speed factor sync/async: %.1fx%n", f)));
    text.append(lines);
    return lines.toString();
  }

  public synchronized String text() {
    return text.toString();
  }
}
