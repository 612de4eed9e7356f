package dev.looplab.cli;

import dev.looplab.driver.ExperimentDriver;
import dev.looplab.driver.LoopWatch;
import dev.looplab.driver.NoServerException;
import dev.looplab.model.Experiment;
import dev.looplab.model.Mode;
import dev.looplab.model.RunPlan;
import dev.looplab.model.RunResult;
import dev.looplab.model.ServerProbe;
import dev.looplab.options.CommandOptions;
import dev.looplab.options.OptionValues;
import dev.looplab.report.ResultsGuard;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.ParseException;

/** {@code looplab experiment}: N calls to one route, sync, async or both, measured and explained. */
public final class ExperimentCommand implements LabCommand {
  @Override
  public String name() {
    return "experiment";
  }

  @Override
  public String description() {
    return "Calls a route of the lab server N times, one after another (sync) or all at once (async), and "
        + "reports per-call and summary statistics next to what the model of the event loop predicts from the "
        + "server's /info. The client keeps one pooled connection per call in flight, so its pool never caps --concurrency.";
  }

  @Override
  public CommandOptions options() {
    return ExperimentOptions.define();
  }

  @Override
  public List<String> exitCodes() {
    return ExitCodes.CLIENT_LINES;
  }

  @Override
  public int run(OptionValues values, PrintWriter out, PrintWriter err) throws ParseException {
    ExperimentOptions options = ExperimentOptions.read(values);
    RunPlan plan = options.plan();
    long timeoutMs = plan.timeoutMs();
    ExperimentOutput output = new ExperimentOutput(options.format(), options.out(), options.html(), out, err);
    try (ResultsGuard guard = new ResultsGuard(); ExperimentDriver driver = new ExperimentDriver().showProgress(ProgressLine.ON_TERMINAL)) {
      guard.onInterrupt(() -> err.println("looplab: interrupted before the first call; nothing written"));
      ServerProbe probed;
      try {
        probed = driver.probe(plan.baseUrl(), timeoutMs);
      } catch (NoServerException e) {
        err.println("looplab: " + e.getMessage());
        return ExitCodes.NO_SERVER;
      }
      if (probed.info() == null) {
        err.println("looplab: " + plan.baseUrl() + "/info gave no lab server info; running without predictions");
      }
      ServerProbe probe = driver.warmUpThenProbe(plan.baseUrl(), options.warmup(), timeoutMs, probed)
          .withTopology(options.cloud().topology(probed.info()));
      List<RunResult> runs = new ArrayList<>();
      LoopWatch loop = driver.loopWatch(plan.baseUrl());
      List<Mode> modes = options.modes();
      guard.onInterrupt(() -> output.interrupted(partial(probe, runs, driver), plan.calls() * modes.size()));
      for (Mode m : modes) {
        runs.add(loop.around(() -> driver.run(m == Mode.SYNC ? plan.sequential() : plan, m)));
      }
      Experiment experiment = new Experiment(probe, runs);
      guard.write(() -> {
        output.emit(experiment);
        output.report(experiment, loop);
      }, null);
      int verdict = options.failOnBlocked() ? loop.gate(err, "run") : ExitCodes.OK;
      return ExitCodes.forCalls(runs, err, verdict);
    }
  }

  private static Experiment partial(ServerProbe probe, List<RunResult> runs, ExperimentDriver driver) {
    List<RunResult> soFar = new ArrayList<>(runs);
    RunResult current = driver.currentSoFar();
    if (current != null && !current.complete()) {
      soFar.add(current);
    }
    return new Experiment(probe, soFar);
  }
}
