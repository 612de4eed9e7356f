package dev.looplab.report;

import dev.looplab.model.CallRecord;
import dev.looplab.model.Experiment;
import dev.looplab.model.RunResult;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One row per call (RFC 4180). Every row carries its run's mode and {@code run_complete}, so a run cut
 * short by Ctrl-C is plain to any CSV reader, and sync and async runs can share one file.
 */
public final class CsvReport {
  private static final List<String> LEADING = List.of("mode", "run_complete");

  private CsvReport() {}

  public static String render(Experiment experiment) {
    StringBuilder out = new StringBuilder();
    List<String> header = new ArrayList<>(LEADING);
    header.addAll(CallJson.FIELDS);
    line(out, header);
    for (RunResult run : experiment.runs()) {
      for (CallRecord call : run.calls()) {
        JsonObject json = CallJson.toJson(call);
        List<String> cells = new ArrayList<>(List.of(run.mode().label(), String.valueOf(run.complete())));
        CallJson.FIELDS.forEach(f -> cells.add(json.getValue(f) == null ? "" : String.valueOf(json.getValue(f))));
        line(out, cells);
      }
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(quoted(cells.get(i)));
    }
    out.append('\n');
  }

  private static String quoted(String cell) {
    if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
      return cell;
    }
    return '"' + cell.replace("\"", "\"\"") + '"';
  }
}
