package dev.looplab.cli;

import static dev.looplab.options.CommandOptions.DEFAULT;

import dev.looplab.driver.Targets;
import dev.looplab.model.Mode;
import dev.looplab.model.RunPlan;
import dev.looplab.options.CommandOptions;
import dev.looplab.options.OptionValues;
import dev.looplab.report.AtomicFiles;
import dev.looplab.report.ReportFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.ParseException;

/** {@code looplab experiment}'s options, and the run they ask for, checked before any call is made. */
record ExperimentOptions(RunPlan plan, List<Mode> modes, int warmup, ReportFormat format, Path html,
    boolean failOnBlocked, TopologyOptions cloud, Path out) {

  static CommandOptions define() {
    CommandOptions options = new CommandOptions()
        .value(null, "base-url", "<url>", "http://127.0.0.1:8080", "The server (default " + DEFAULT + ").")
        .value("r", "route", "<route>", "say-hi", "say-hi, fast-run, slow-run, standard-run, or any path with query, "
            + "e.g. /fast-run?ms=300 (default " + DEFAULT + ").")
        .value("m", "mode", "<mode>", "async", "sync: one call at a time; async: all at once (up to --concurrency); "
            + "both: sync then async, with the speed factor (default " + DEFAULT + ").")
        .value("n", "calls", "<n>", "10", "Number of calls, 1..1000000 (default " + DEFAULT + ").")
        .value("c", "concurrency", "<n>", null, "Async calls in flight at most (default: all of them).")
        .value(null, "timeout-ms", "<ms>", "120000", "Per-call timeout, 0 for none (default " + DEFAULT + "). It counts "
            + "from the moment the call is sent, connection set-up included; no call ever waits for a pooled "
            + "connection, as the pool has one per call in flight.")
        .value(null, "warmup", "<n>", "0", "Unrecorded calls to /health before the run, so the JIT has compiled the "
            + "client's path; for benchmarks (default " + DEFAULT + ").")
        .value("f", "format", "<format>", "table",
            "table, csv or json: what goes to --out, or to stdout without it (default " + DEFAULT + ").")
        .value(null, "html", "<file>", null, "Also draw the run(s) as a timeline: a self-contained HTML file, one bar "
            + "per call, one lane per server thread.")
        .flag(null, "fail-on-blocked", "Exit with code 3 when the server recorded blocked event-loop episodes during "
            + "the run (reads its /loops); 1 when that cannot be told.");
    TopologyOptions.addTo(options);
    return options.value("o", "out", "<file>", null,
        "Write the results here (whole, or not at all); the table still goes to stdout.");
  }

  static ExperimentOptions read(OptionValues values) throws ParseException {
    int calls = values.intIn("calls", 1, 1_000_000);
    Integer concurrency = values.optionalIntAtLeast("concurrency", 1);
    int warmup = values.intIn("warmup", 0, 1_000_000);
    long timeoutMs = values.longValue("timeout-ms");
    if (timeoutMs < 0) {
      throw OptionValues.invalid("timeout-ms", timeoutMs + " must be 0 (none) or more");
    }
    List<Mode> modes = values.parsed("mode", ExperimentOptions::modes);
    ReportFormat format = values.parsed("format", ExperimentOptions::format);
    RunPlan plan = new RunPlan(values.parsed("base-url", Targets::baseUrl), values.parsed("route", Targets::path),
        calls, concurrency == null ? calls : concurrency, timeoutMs);
    TopologyOptions cloud = TopologyOptions.read(values);
    // results that could not be written would be lost after the run: find out now
    Path out = values.parsed("out", ExperimentOptions::writableFile);
    Path html = values.parsed("html", ExperimentOptions::writableFile);
    return new ExperimentOptions(plan, modes, warmup, format, html, values.flag("fail-on-blocked"), cloud, out);
  }

  private static List<Mode> modes(String mode) {
    return switch (mode) {
      case "sync" -> List.of(Mode.SYNC);
      case "async" -> List.of(Mode.ASYNC);
      case "both" -> List.of(Mode.SYNC, Mode.ASYNC);
      default -> throw new IllegalArgumentException("expected one of [sync, async, both] (case-sensitive) but was '" + mode + "'");
    };
  }

  private static ReportFormat format(String value) {
    try {
      return ReportFormat.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + value + "' is not one of table, csv, json");
    }
  }

  private static Path writableFile(String value) {
    Path file = Path.of(value);
    AtomicFiles.checkWritable(file);
    return file;
  }
}
