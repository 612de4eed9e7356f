package dev.looplab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.looplab.model.CallRecord;
import dev.looplab.model.ErrorKind;
import dev.looplab.model.Experiment;
import dev.looplab.model.LabInfo;
import dev.looplab.model.Mode;
import dev.looplab.model.RunPlan;
import dev.looplab.model.RunResult;
import dev.looplab.model.ServerProbe;
import dev.looplab.model.Topology;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportRoundTripTest {
  private static final RunPlan PLAN = new RunPlan(URI.create("http://127.0.0.1:8080"), "/fast-run?ms=300", 3, 3, 500);
  private static final ServerProbe PROBE = new ServerProbe(LabInfo.from(new JsonObject()
      .put("instances", 1).put("task_ms", 2000).put("worker_pool_size", 20).put("app_instance_id", "srv")), 0.4, Topology.DIRECT);

  private static final List<CallRecord> CALLS = List.of(
      new CallRecord(0, 200, "srv", "vert.x-eventloop-thread-0", "vert.x-eventloop-thread-0", "async-1-0",
          1.125, 302.5, 300.25, null, null, null),
      new CallRecord(1, 500, null, null, null, "async-1-1", 1.5, 2.75, null, null, ErrorKind.STATUS,
          "HTTP 500 \"boom\", with a comma\nand a line break"),
      new CallRecord(2, 0, null, null, null, "async-1-2", 2.0, 502.0, null, 1.5, ErrorKind.TIMEOUT, "The timeout of 500 ms"));

  private static Experiment experiment(boolean complete) {
    Instant started = Instant.parse("2026-11-22T01:02:03.456789Z");
    return new Experiment(PROBE, List.of(
        new RunResult(PLAN.sequential(), Mode.SYNC, started, 900.5, CALLS, true),
        new RunResult(PLAN, Mode.ASYNC, started, 502.25, complete ? CALLS : CALLS.subList(0, 2), complete)));
  }

  @Test
  void csvRoundTripKeepsEveryCallAndItsRun() {
    List<ResultFiles.Row> rows = ResultFiles.csvRows(CsvReport.render(experiment(true)));
    assertEquals(6, rows.size());
    assertEquals(CALLS, rows.subList(0, 3).stream().map(ResultFiles.Row::call).toList());
    assertEquals(CALLS, rows.subList(3, 6).stream().map(ResultFiles.Row::call).toList());
    assertEquals(Mode.SYNC, rows.get(0).mode());
    assertEquals(Mode.ASYNC, rows.get(5).mode());
    assertTrue(rows.stream().allMatch(ResultFiles.Row::runComplete));
  }

  @Test
  void csvMarksAnInterruptedRun() {
    List<ResultFiles.Row> rows = ResultFiles.csvRows(CsvReport.render(experiment(false)));
    assertEquals(5, rows.size());
    assertTrue(rows.get(0).runComplete());
    assertFalse(rows.get(4).runComplete());
  }

  @Test
  void jsonRoundTripGivesBackTheRuns() {
    Experiment experiment = experiment(true);
    String json = JsonReport.render(experiment);
    assertEquals(experiment.runs(), ResultFiles.jsonRuns(json));
    JsonObject doc = new JsonObject(json);
    assertTrue(doc.getBoolean("complete"));
    assertEquals(900.5 / 502.25, doc.getDouble("speed_factor"), 1e-9);
    JsonObject async = doc.getJsonArray("runs").getJsonObject(1);
    assertEquals(300.0, async.getJsonObject("prediction").getDouble("wall_ms"), "?ms=300 is the task time");
    assertEquals(1, async.getJsonObject("summary").getJsonObject("errors_by_kind").getInteger("status 500"));
    assertEquals(1, async.getJsonObject("summary").getJsonObject("errors_by_kind").getInteger("timeout"));
  }

  @Test
  void everyErrorKindReadsBack() {
    List<CallRecord> calls = new ArrayList<>();
    for (ErrorKind kind : ErrorKind.values()) {
      calls.add(new CallRecord(calls.size(), kind == ErrorKind.THROTTLED ? 429 : 0, null, null, null, "r" + calls.size(),
          1.0, 2.0, null, null, kind, kind.label()));
    }
    Experiment experiment = new Experiment(PROBE, List.of(new RunResult(PLAN, Mode.ASYNC, Instant.EPOCH, 3.0, calls, true)));
    assertEquals(calls, ResultFiles.csvRows(CsvReport.render(experiment)).stream().map(ResultFiles.Row::call).toList());
    assertEquals(calls, ResultFiles.jsonRuns(JsonReport.render(experiment)).get(0).calls());
  }

  @Test
  void resultFilesGetTheUsualPermissionsNotOwnerOnly(@TempDir Path dir) throws IOException {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
    Path reference = Files.createFile(dir.resolve("made-the-ordinary-way"));  // 0666 less the umask
    Path result = dir.resolve("results.csv");
    AtomicFiles.write(result, "a\n");
    Set<PosixFilePermission> expected = Files.getPosixFilePermissions(reference);
    assertEquals(expected, Files.getPosixFilePermissions(result));
    assertTrue(expected.contains(PosixFilePermission.GROUP_READ) || expected.contains(PosixFilePermission.OTHERS_READ),
        "with this umask " + PosixFilePermissions.toString(expected) + " the test cannot tell 0600 from the umask's choice");
  }

  @Test
  void jsonMarksAnInterruptedExperiment() {
    JsonObject doc = new JsonObject(JsonReport.render(experiment(false)));
    assertFalse(doc.getBoolean("complete"));
    assertFalse(doc.getJsonArray("runs").getJsonObject(1).getBoolean("complete"));
    assertEquals(null, doc.getValue("speed_factor"), "no speed factor from a run cut short");
  }

  @Test
  void tableNamesTheVerdictAndTheErrors() {
    String table = TableReport.render(experiment(true));
    assertTrue(table.contains("errors: status 500 x1, timeout x1"), table);
    assertTrue(table.contains("predicted 300 ms, measured 502 ms, ratio 1.67: DISAGREES: measured is 67 % slower"), table);
    assertTrue(table.contains("speed factor sync/async: 1.8x"), table);
  }

  @Test
  void atomicWriteReplacesWholeAndLeavesNoTempFile(@TempDir Path dir) throws IOException {
    Path target = dir.resolve("sub/results.csv");
    AtomicFiles.write(target, "old\n");
    AtomicFiles.write(target, "new\n");
    assertEquals("new\n", Files.readString(target));
    try (Stream<Path> files = Files.list(target.getParent())) {
      assertEquals(List.of(target), files.toList());
    }
  }

  @Test
  void failedWriteLeavesTheOldFile(@TempDir Path dir) throws IOException {
    Path target = dir.resolve("results.csv");
    Files.createDirectory(target.resolveSibling("blocker"));
    AtomicFiles.write(target, "kept\n");
    assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(dir.resolve("blocker"), "x"));
    assertEquals("kept\n", Files.readString(target));
  }
}
