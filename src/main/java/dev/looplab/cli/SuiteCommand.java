package dev.looplab.cli;

import dev.looplab.driver.ExperimentDriver;
import dev.looplab.driver.LoopWatch;
import dev.looplab.driver.NoServerException;
import dev.looplab.driver.Targets;
import dev.looplab.model.CallRecord;
import dev.looplab.model.Experiment;
import dev.looplab.model.LoopReadings;
import dev.looplab.model.Mode;
import dev.looplab.model.RunPlan;
import dev.looplab.model.RunResult;
import dev.looplab.model.ServerProbe;
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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code looplab suite}: the lesson's experiments in order, one compact report, a CSV and a JSON per step. */
@Command(name = "suite", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
    exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.OK_LINE, ExitCodes.NO_SERVER_LINE, ExitCodes.USAGE_LINE,
        ExitCodes.BLOCKED_LINE, ExitCodes.SOME_LINE, ExitCodes.ALL_LINE, ExitCodes.INTERRUPTED_LINE},
    description = "Runs the lesson's experiments in order: say-hi 10 and 20 calls sync versus async; fast-run 25, 25 again, "
        + "15, 12; slow-run 25; standard-run 25 (all async). Prints measured versus predicted for each, and writes "
        + "<out-dir>/NN-<step>.csv, .json and .html (the timeline) per step plus summary.txt. With the default 2000 ms task it takes about a minute.")
public final class SuiteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--base-url", defaultValue = "http://127.0.0.1:8080", description = "The server (default ${DEFAULT-VALUE}).")
  String baseUrl;

  @Option(names = {"-d", "--out-dir"}, defaultValue = "looplab-results", description = "Where the files go (default ${DEFAULT-VALUE}).")
  Path outDir;

  @Option(names = "--fail-on-blocked",
      description = "Exit with code 3 when the server recorded blocked event-loop episodes during the suite (reads its /loops); 1 when that cannot be told.")
  boolean failOnBlocked;

  @Option(names = "--timeout-ms", defaultValue = "120000",
      description = "Per-call timeout, connection set-up included, 0 for none (default ${DEFAULT-VALUE}).")
  long timeoutMs;

  @Option(names = "--warmup", defaultValue = "200",
      description = "Unrecorded calls to /health first, all at once and then as many (at most 500) one after another, so the first step does not measure the client JVM's warm-up (default ${DEFAULT-VALUE}).")
  int warmup;

  @Mixin TopologyOptions cloud;

  @Override
  public Integer call() {
    URI base = validatedBaseUrl();
    cloud.topology(null); // checks the options before any call is made
    PrintWriter out = spec.commandLine().getOut();
    try (ResultsGuard guard = new ResultsGuard(); ExperimentDriver driver = new ExperimentDriver().showProgress(ProgressLine.ON_TERMINAL)) {
      guard.onInterrupt(() -> spec.commandLine().getErr().println("looplab: interrupted before the first step; nothing written"));
      ServerProbe probed;
      try {
        probed = driver.probe(base, timeoutMs);
      } catch (NoServerException e) {
        spec.commandLine().getErr().println("looplab: " + e.getMessage());
        return ExitCodes.NO_SERVER;
      }
      ServerProbe probe = driver.warmUpThenProbe(base, warmup, timeoutMs, probed).withTopology(cloud.topology(probed.info()));
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
        guard.onInterrupt(() -> writeInterrupted(probe, runs, driver, fileStem, report));
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
        }, () -> writeInterrupted(probe, List.of(), driver, fileStem, report));
      }
      guard.write(() -> AtomicFiles.write(outDir.resolve("summary.txt"), report.text()), null);
      out.println("\nfiles: " + outDir);
      int verdict = failOnBlocked ? loop.gate(spec.commandLine().getErr(), "suite") : ExitCodes.OK;
      return ExitCodes.forCalls(allRuns, spec.commandLine().getErr(), verdict);
    }
  }


  private void writeInterrupted(ServerProbe probe, List<RunResult> runs, ExperimentDriver driver, String stem, SuiteReport report) {
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
    spec.commandLine().getErr().println("looplab: interrupted at " + stem + "; the calls done so far are in " + outDir);
  }

  private void writeFiles(String stem, Experiment experiment) {
    AtomicFiles.write(outDir.resolve(stem + ".csv"), CsvReport.render(experiment));
    AtomicFiles.write(outDir.resolve(stem + ".json"), JsonReport.render(experiment));
  }

  private URI validatedBaseUrl() {
    if (timeoutMs < 0) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--timeout-ms': " + timeoutMs + " must be 0 (none) or more");
    }
    if (warmup < 0 || warmup > 100_000) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--warmup': " + warmup + " is not in 0..100000");
    }
    URI base;
    try {
      base = Targets.baseUrl(baseUrl);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--base-url': " + e.getMessage());
    }
    try {
      AtomicFiles.checkWritableDirectory(outDir);  // results that cannot be written would be lost after the run
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--out-dir': " + e.getMessage());
    }
    return base;
  }
}
