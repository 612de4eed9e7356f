package dev.looplab.report;

import dev.looplab.model.CallRecord;
import dev.looplab.model.ErrorKind;
import dev.looplab.model.Mode;
import dev.looplab.model.RunPlan;
import dev.looplab.model.RunResult;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** Test code only: reads the result files back, the CSV with a real CSV library, as a user's tool would. */
final class ResultFiles {
  /** A CSV row read back. */
  record Row(Mode mode, boolean runComplete, CallRecord call) {}

  private ResultFiles() {}

  static List<Row> csvRows(String csv) {
    try {
      return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
          .parse(new StringReader(csv)).stream().map(ResultFiles::row).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Row row(CSVRecord r) {
    CallRecord call = new CallRecord(Integer.parseInt(r.get("index")), Integer.parseInt(r.get("status")),
        text(r.get("app_instance_id")), text(r.get("thread")), text(r.get("event_loop")), text(r.get("request_id")),
        Double.parseDouble(r.get("start_ms")), Double.parseDouble(r.get("end_ms")), number(r.get("server_duration_ms")),
        number(r.get("queue_ms")), error(text(r.get("error"))), text(r.get("error_detail")));
    return new Row(Mode.parse(r.get("mode")), Boolean.parseBoolean(r.get("run_complete")), call);
  }

  /** The runs of a document written by {@link JsonReport#render}. */
  static List<RunResult> jsonRuns(String text) {
    return new JsonObject(text).getJsonArray("runs").stream().map(o -> run((JsonObject) o)).toList();
  }

  private static RunResult run(JsonObject r) {
    RunPlan plan = new RunPlan(URI.create(r.getString("base_url")), r.getString("path"), r.getInteger("calls_planned"),
        r.getInteger("concurrency_requested"), r.getLong("timeout_ms"));
    List<CallRecord> calls = r.getJsonArray("calls").stream().map(c -> call((JsonObject) c)).toList();
    return new RunResult(plan, Mode.parse(r.getString("mode")), Instant.parse(r.getString("started_at")),
        r.getDouble("wall_ms"), calls, r.getBoolean("complete"));
  }

  /** latency_ms is derived from the start and end, so it is not read back. */
  private static CallRecord call(JsonObject j) {
    return new CallRecord(j.getInteger("index"), j.getInteger("status"),
        j.getString("app_instance_id"), j.getString("thread"), j.getString("event_loop"), j.getString("request_id"),
        j.getDouble("start_ms"), j.getDouble("end_ms"), j.getDouble("server_duration_ms"), j.getDouble("queue_ms"),
        error(j.getString("error")), j.getString("error_detail"));
  }

  private static String text(String cell) {
    return cell.isEmpty() ? null : cell;
  }

  private static Double number(String cell) {
    return cell.isEmpty() ? null : Double.parseDouble(cell);
  }

  private static ErrorKind error(String label) {
    return label == null ? null
        : Arrays.stream(ErrorKind.values()).filter(k -> k.label().equals(label)).findFirst().orElseThrow();
  }
}
