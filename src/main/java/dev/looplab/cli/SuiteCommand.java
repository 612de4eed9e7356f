package dev.looplab.cli;

import dev.looplab.driver.ExperimentDriver;
import dev.looplab.driver.LoopWatch;
import dev.looplab.driver.NoServerException;
import dev.looplab.model.CallRecord;
import dev.looplab.model.Experiment;
import dev.looplab.model.LoopReadings;
import dev.looplab.model.Mode;
import dev.looplab.model.RunPlan;
import dev.looplab.model.RunResult;
import dev.looplab.model.ServerProbe;
import dev.looplab.options.CommandOptions;
import dev.looplab.options.OptionValues;
import dev.looplab.report.AtomicFiles;
import dev.looplab.report.CsvReport;
import dev.looplab.report.JsonReport;
import dev.looplab.report.ResultsGuard;
import dev.looplab.report.SuiteReport;
import dev.looplab.report.TimelineReport;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.cli.ParseException;

/** {@code looplab suite}: the lesson's experiments in order, one compact report, a CSV and a JSON per step. */
public final class SuiteCommand implements LabCommand {
  private Path outDir;

  @Override
  public String name() {
    return "suite";
  }

  @Override
  public String description() {
    return "Runs the lesson's experiments in order: say-hi 10 and 20 calls sync versus async; fast-run 25, 25 again, "
        + "15, 12; slow-run 25; standard-run 25 (all async). Prints measured versus predicted for each, and writes "
        + "<out-dir>/NN-<step>.csv, .json and .html (the timeline) per step plus summary.txt. With the default 2000 ms "
        + "task it takes about a minute.";
  }

  @Override
  public CommandOptions options() {
    return SuiteOptions.define();
  }

  @Override
  public List<String> exitCodes() {
    return ExitCodes.CLIENT_LINES;
  }

  @Override
  public int run(OptionValues values, PrintWriter out, PrintWriter err) throws ParseException {
    SuiteOptions options = SuiteOptions.read(values);
    URI base = options.baseUrl();
    long timeoutMs = options.timeoutMs();
    outDir = options.outDir();
    try (ResultsGuard guard = new ResultsGuard(); ExperimentDriver driver = new ExperimentDriver().showProgress(ProgressLine.ON_TERMINAL)) {
      guard.onInterrupt(() -> err.println("looplab: interrupted before the first step; nothing written"));
      ServerProbe probed;
      try {
        probed = driver.probe(base, timeoutMs);
      } catch (NoServerException e) {
        err.println("looplab: " + e.getMessage());
        return ExitCodes.NO_SERVER;
      }
      ServerProbe probe = driver.warmUpThenProbe(base, options.warmup(), timeoutMs, probed)
          .withTopology(options.cloud().topology(probed.info()));
      SuiteReport report = new SuiteReport(probe);
      out.print(report.header());
      out.flush();
      List<SuiteStep> steps = SuiteStep.lesson();
      Set<String> knownInstances = new HashSet<>(new Experiment(probe, List.of()).knownInstances());
      LoopWatch loop = driver.loopWatch(base);
      List<RunResult> allRuns = new ArrayList<>();
      for (int i = 0; i < steps.size(); i++) {
        SuiteStep step = steps.get(i);
        String fileStem = String.format("%02d-%s", i + 1, step.name());
        List<RunResult> runs = new ArrayList<>();
        int firstRun = loop.deltas().size();
        guard.onInterrupt(() -> writeInterrupted(probe, runs, driver, fileStem, report, err));
        for (Mode mode : step.modes()) {
          RunPlan plan = new RunPlan(base, "/" + step.route(), step.calls(), step.calls(), timeoutMs);
          runs.add(loop.around(() -> driver.run(mode == Mode.SYNC ? plan.sequential() : plan, mode)));
        }
        allRuns.addAll(runs);
        Experiment experiment = new Experiment(probe, runs, knownInstances);
        runs.forEach(run -> run.calls().stream().map(CallRecord::appInstanceId).filter(Objects::nonNull)
            .forEach(knownInstances::add));
        List<LoopReadings.Delta> stepLoops = loop.deltas().subList(firstRun, loop.deltas().size());
        guard.write(() -> {
          writeFiles(fileStem, experiment);
          AtomicFiles.write(outDir.resolve(fileStem + ".html"), TimelineReport.render(experiment, stepLoops));
          out.print(report.add(step.name(), experiment));
          out.flush();
        }, () -> writeInterrupted(probe, List.of(), driver, fileStem, report, err));
      }
      guard.write(() -> AtomicFiles.write(outDir.resolve("summary.txt"), report.text()), null);
      out.println("\nfiles: " + outDir);
      int verdict = options.failOnBlocked() ? loop.gate(err, "suite") : ExitCodes.OK;
      return ExitCodes.forCalls(allRuns, err, verdict);
    }
  }

  private void writeInterrupted(ServerProbe probe, List<RunResult> runs, ExperimentDriver driver, String stem, SuiteReport report,
      PrintWriter err) {
    List<RunResult> soFar = new ArrayList<>(runs);
    RunResult current = driver.currentSoFar();
    if (current != null && !current.complete()) {
      soFar.add(current);
    }
    if (!soFar.isEmpty()) {
      Experiment partial = new Experiment(probe, soFar);
      writeFiles(stem, partial);
      report.add(stem + " (INCOMPLETE)", partial);
    }
    AtomicFiles.write(outDir.resolve("summary.txt"), report.text());
    err.println("looplab: interrupted at " + stem + "; the calls done so far are in " + outDir);
  }

  private void writeFiles(String stem, Experiment experiment) {
    AtomicFiles.write(outDir.resolve(stem + ".csv"), CsvReport.render(experiment));
    AtomicFiles.write(outDir.resolve(stem + ".json"), JsonReport.render(experiment));
  }
}
