package dev.looplab.cli;

import dev.looplab.driver.LoopWatch;
import dev.looplab.model.Experiment;
import dev.looplab.report.AtomicFiles;
import dev.looplab.report.ReportFormat;
import dev.looplab.report.TableReport;
import dev.looplab.report.TimelineReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where {@code experiment}'s results go: the chosen format to {@code --out} (whole, or not at all) or
 * to stdout, the table on stdout beside a file, the server's loop figures, the {@code --html} timeline,
 * and on Ctrl-C what was measured so far.
 */
final class ExperimentOutput {
  private final ReportFormat format;
  private final Path out;
  private final Path html;
  private final PrintWriter stdout;
  private final PrintWriter stderr;

  ExperimentOutput(ReportFormat format, Path out, Path html, PrintWriter stdout, PrintWriter stderr) {
    this.format = format;
    this.out = out;
    this.html = html;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** The results in the chosen format; nothing when no run has a call. */
  void emit(Experiment experiment) {
    if (experiment.runs().isEmpty()) {
      return;
    }
    if (out == null) {
      stdout.print(format.render(experiment));
    } else {
      AtomicFiles.write(out, format.render(experiment));
      stdout.print(TableReport.render(experiment));
      stdout.println("results (" + format.name().toLowerCase(Locale.ROOT) + (experiment.complete() ? "" : ", INCOMPLETE") + "): " + out);
    }
    stdout.flush();
  }

  /** The server's loop figures under the table, and the timeline; nothing is added to CSV or JSON on stdout. */
  void report(Experiment experiment, LoopWatch loop) {
    if (html != null) {
      AtomicFiles.write(html, TimelineReport.render(experiment, loop.deltas()));
    }
    if (out == null && format != ReportFormat.TABLE) {
      return;
    }
    loop.deltas().stream().filter(Objects::nonNull).forEach(d -> d.describe().forEach(stdout::println));
    if (loop.unavailable() != null) {
      stdout.println("server: " + loop.unavailable());
    }
    if (html != null) {
      stdout.println("timeline: " + html);
    }
    stdout.flush();
  }

  /** On Ctrl-C: what was measured so far goes where the results would have gone, and one line says so. */
  void interrupted(Experiment soFar, int planned) {
    emit(soFar);
    int done = soFar.runs().stream().mapToInt(run -> run.calls().size()).sum();
    stderr.println("looplab: interrupted after " + done + " of " + planned + " calls; "
        + (soFar.runs().isEmpty() ? "nothing written" : (out == null ? "they are printed above" : "they are in " + out)
        + ", marked incomplete"));
  }
}
