package dev.looplab.report;

import dev.looplab.model.CallRecord;
import dev.looplab.model.Experiment;
import dev.looplab.model.LoopReadings;
import dev.looplab.model.RouteBodies;
import dev.looplab.model.RunResult;
import dev.looplab.model.Statistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** An experiment's runs as timeline pictures: one per run, with its summary and the server's loop figures. */
public final class TimelineReport {
  private TimelineReport() {}

  /** The page for an experiment; {@code loops} holds each run's /loops delta, or null where it is unknown. */
  public static String render(Experiment experiment, List<LoopReadings.Delta> loops) {
    List<Timeline> timelines = new ArrayList<>();
    for (int i = 0; i < experiment.runs().size(); i++) {
      timelines.add(of(experiment, experiment.runs().get(i), i < loops.size() ? loops.get(i) : null));
    }
    RunResult first = experiment.runs().get(0);
    return TimelineHtml.render(RouteBodies.method(first.plan().path()) + " " + first.plan().url() + " x " + first.plan().calls(), timelines);
  }

  static Timeline of(Experiment experiment, RunResult run, LoopReadings.Delta loop) {
    Statistics s = Statistics.of(run);
    List<String> summary = new ArrayList<>();
    summary.add(TableReport.server(experiment));
    summary.add(String.format(Locale.ROOT, "%s: %d calls, %d in flight, wall %.0f ms, p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d error(s)",
        run.mode().label(), s.calls(), run.concurrency(), s.wallMs(), s.latency().p50(), s.latency().p99(), s.latency().max(), s.errors()));
    experiment.prediction(run).ifPresent(p -> {
      summary.add(String.format(Locale.ROOT, "predicted %.0f ms, measured %.0f ms, ratio %.2f: %s",
          p.wallMs(), run.wallMs(), p.ratio(run.wallMs()), p.verdict(run.wallMs())));
      summary.add("why: " + p.reasoning());
    });
    List<String> server = loop == null ? List.of("server: no loop figures for this run (its /loops could not be read, or more than one server process answered)") : loop.describe();
    boolean manyInstances = s.perInstance().size() > 1;
    List<Timeline.Call> calls = run.calls().stream().map(c -> call(c, manyInstances)).toList();
    return new Timeline(run.mode().label() + ": GET " + run.plan().url() + " x " + run.plan().calls(), summary, server, calls);
  }

  private static Timeline.Call call(CallRecord c, boolean manyInstances) {
    String status = c.answered() ? Integer.toString(c.status()) : c.errorLabel();
    String lane = c.thread() == null ? null
        : manyInstances && c.appInstanceId() != null ? c.appInstanceId().substring(0, 8) + " " + c.thread() : c.thread();
    StringBuilder detail = new StringBuilder();
    if (c.requestId() != null) {
      detail.append("request_id ").append(c.requestId());
    }
    if (c.queueMs() != null) {
      detail.append(String.format(Locale.ROOT, ", queue %.1f ms", c.queueMs()));
    }
    if (c.errorDetail() != null) {
      detail.append(", ").append(c.errorDetail());
    }
    return new Timeline.Call(c.index(), c.startMs(), c.endMs(), status, lane, detail.toString());
  }
}
