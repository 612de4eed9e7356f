package dev.looplab.cli;

import dev.looplab.driver.ExperimentDriver;
import dev.looplab.driver.LoopWatch;
import dev.looplab.driver.NoServerException;
import dev.looplab.driver.Targets;
import dev.looplab.model.Experiment;
import dev.looplab.model.Mode;
import dev.looplab.model.RunPlan;
import dev.looplab.model.RunResult;
import dev.looplab.model.ServerProbe;
import dev.looplab.report.AtomicFiles;
import dev.looplab.report.ReportFormat;
import dev.looplab.report.ResultsGuard;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code looplab experiment}: N calls to one route, sync, async or both, measured and explained. */
@Command(name = "experiment", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
    exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.OK_LINE, ExitCodes.NO_SERVER_LINE, ExitCodes.USAGE_LINE,
        ExitCodes.BLOCKED_LINE, ExitCodes.SOME_LINE, ExitCodes.ALL_LINE, ExitCodes.INTERRUPTED_LINE},
    description = "Calls a route of the lab server N times, one after another (sync) or all at once (async), and "
        + "reports per-call and summary statistics next to what the model of the event loop predicts from the "
        + "server's /info. The client keeps one pooled connection per call in flight, so its pool never caps --concurrency.")
public final class ExperimentCommand implements Callable<Integer> {
  enum ModeOption { sync, async, both }

  @Spec CommandSpec spec;

  @Option(names = "--base-url", defaultValue = "http://127.0.0.1:8080", description = "The server (default ${DEFAULT-VALUE}).")
  String baseUrl;

  @Option(names = {"-r", "--route"}, defaultValue = "say-hi",
      description = "say-hi, fast-run, slow-run, standard-run, or any path with query, e.g. /fast-run?ms=300 (default ${DEFAULT-VALUE}).")
  String route;

  @Option(names = {"-m", "--mode"}, defaultValue = "async",
      description = "sync: one call at a time; async: all at once (up to --concurrency); both: sync then async, with the speed factor (default ${DEFAULT-VALUE}).")
  ModeOption mode;

  @Option(names = {"-n", "--calls"}, defaultValue = "10", description = "Number of calls, 1..1000000 (default ${DEFAULT-VALUE}).")
  int calls;

  @Option(names = {"-c", "--concurrency"}, description = "Async calls in flight at most (default: all of them).")
  Integer concurrency;

  @Option(names = "--timeout-ms", defaultValue = "120000",
      description = "Per-call timeout, 0 for none (default ${DEFAULT-VALUE}). It counts from the moment the call is sent, "
          + "connection set-up included; no call ever waits for a pooled connection, as the pool has one per call in flight.")
  long timeoutMs;

  @Option(names = "--warmup", defaultValue = "0",
      description = "Unrecorded calls to /health before the run, so the JIT has compiled the client's path; for benchmarks (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = {"-f", "--format"}, defaultValue = "table", converter = FormatConverter.class,
      description = "table, csv or json: what goes to --out, or to stdout without it (default ${DEFAULT-VALUE}).")
  ReportFormat format;

  @Option(names = "--html", paramLabel = "FILE",
      description = "Also draw the run(s) as a timeline: a self-contained HTML file, one bar per call, one lane per server thread.")
  Path html;

  @Option(names = "--fail-on-blocked",
      description = "Exit with code 3 when the server recorded blocked event-loop episodes during the run (reads its /loops); 1 when that cannot be told.")
  boolean failOnBlocked;

  @Mixin TopologyOptions cloud;

  @Option(names = {"-o", "--out"}, description = "Write the results here (whole, or not at all); the table still goes to stdout.")
  Path out;

  @Override
  public Integer call() {
    RunPlan plan = plan();
    cloud.topology(null); // checks the options before any call is made
    checkWritable("--out", out);
    checkWritable("--html", html);
    PrintWriter err = spec.commandLine().getErr();
    ExperimentOutput output = new ExperimentOutput(format, out, html, spec.commandLine().getOut(), err);
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
      ServerProbe probe = driver.warmUpThenProbe(plan.baseUrl(), warmup, timeoutMs, probed)
          .withTopology(cloud.topology(probed.info()));
      List<RunResult> runs = new ArrayList<>();
      LoopWatch loop = driver.loopWatch(plan.baseUrl());
      guard.onInterrupt(() -> output.interrupted(partial(probe, runs, driver), plan.calls() * modes().size()));
      for (Mode m : modes()) {
        runs.add(loop.around(() -> driver.run(m == Mode.SYNC ? plan.sequential() : plan, m)));
      }
      Experiment experiment = new Experiment(probe, runs);
      guard.write(() -> {
        output.emit(experiment);
        output.report(experiment, loop);
      }, null);
      int verdict = failOnBlocked ? loop.gate(err, "run") : ExitCodes.OK;
      return ExitCodes.forCalls(runs, err, verdict);
    }
  }

  private List<Mode> modes() {
    return switch (mode) {
      case sync -> List.of(Mode.SYNC);
      case async -> List.of(Mode.ASYNC);
      case both -> List.of(Mode.SYNC, Mode.ASYNC);
    };
  }

  private static Experiment partial(ServerProbe probe, List<RunResult> runs, ExperimentDriver driver) {
    List<RunResult> soFar = new ArrayList<>(runs);
    RunResult current = driver.currentSoFar();
    if (current != null && !current.complete()) {
      soFar.add(current);
    }
    return new Experiment(probe, soFar);
  }

  private RunPlan plan() {
    if (calls < 1 || calls > 1_000_000) {
      throw usage("--calls", calls + " is not in 1..1000000");
    }
    if (concurrency != null && concurrency < 1) {
      throw usage("--concurrency", concurrency + " must be at least 1");
    }
    if (warmup < 0 || warmup > 1_000_000) {
      throw usage("--warmup", warmup + " is not in 0..1000000");
    }
    if (timeoutMs < 0) {
      throw usage("--timeout-ms", timeoutMs + " must be 0 (none) or more");
    }
    return new RunPlan(checked("--base-url", () -> Targets.baseUrl(baseUrl)), checked("--route", () -> Targets.path(route)),
        calls, concurrency == null ? calls : concurrency, timeoutMs);
  }

  /** Results that could not be written would be lost after the run: find out now. */
  private void checkWritable(String option, Path file) {
    if (file != null) {
      checked(option, () -> {
        AtomicFiles.checkWritable(file);
        return file;
      });
    }
  }

  private <T> T checked(String option, Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw usage(option, e.getMessage());
    }
  }

  private ParameterException usage(String option, String why) {
    return new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + why);
  }
}
