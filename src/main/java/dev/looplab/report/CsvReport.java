package dev.looplab.report;

import dev.looplab.model.CallRecord;
import dev.looplab.model.Experiment;
import dev.looplab.model.Mode;
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

  /** A row read back. */
  public record Row(Mode mode, boolean runComplete, CallRecord call) {}

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

  public static List<Row> parse(String csv) {
    List<List<String>> lines = CsvParser.parse(csv);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("empty CSV: no header");
    }
    List<String> header = lines.get(0);
    List<Row> rows = new ArrayList<>();
    for (List<String> cells : lines.subList(1, lines.size())) {
      JsonObject json = new JsonObject();
      for (int i = 0; i < header.size() && i < cells.size(); i++) {
        json.put(header.get(i), typed(header.get(i), cells.get(i)));
      }
      rows.add(new Row(Mode.parse(json.getString("mode")), Boolean.parseBoolean(json.getString("run_complete")),
          CallJson.fromJson(json)));
    }
    return rows;
  }

  private static Object typed(String column, String cell) {
    if (cell.isEmpty()) {
      return null;
    }
    if (CallJson.INTEGERS.contains(column)) {
      return Integer.parseInt(cell);
    }
    return CallJson.DECIMALS.contains(column) ? Double.parseDouble(cell) : cell;
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
