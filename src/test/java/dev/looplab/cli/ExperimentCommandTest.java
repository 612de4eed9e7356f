package dev.looplab.cli;

import static dev.looplab.CommandRun.looplab;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looplab.CommandRun;
import dev.looplab.MainCommand;
import dev.looplab.server.LabServer;
import dev.looplab.server.ServerConfig;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The {@code experiment} and {@code suite} commands end to end: exit codes, messages, files. */
@ExtendWith(VertxExtension.class)
class ExperimentCommandTest {

  private static LabServer startLab(Vertx vertx, int taskMs) {
    LabServer server = new LabServer(ServerConfig.defaults().withPort(0).withTaskMs(taskMs), Lessons.all(), vertx);
    server.start().await();
    return server;
  }

  private static String url(LabServer server) {
    return "http://127.0.0.1:" + server.port();
  }

  @Test
  void noServerIsOneLineAndExitCode1() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    CommandRun outcome = looplab("experiment", "--base-url", "http://127.0.0.1:" + port);
    assertEquals(1, outcome.exitCode());
    assertEquals(1, outcome.err().lines().count(), outcome.err());
    assertTrue(outcome.err().contains("http://127.0.0.1:" + port) && outcome.err().contains("server --port " + port),
        outcome.err());
  }

  @Test
  void badOptionValuesAreUsageErrors() {
    for (List<String> bad : List.of(List.of("--calls", "0"), List.of("--calls", "many"), List.of("--concurrency", "0"),
        List.of("--route", "fast"), List.of("--base-url", "localhost:8080"), List.of("--format", "xml"),
        List.of("--mode", "parallel"), List.of("--timeout-ms", "-1"))) {
      String[] args = Stream.concat(Stream.of("experiment"), bad.stream()).toArray(String[]::new);
      CommandRun outcome = looplab(args);
      assertEquals(2, outcome.exitCode(), bad.toString());
      assertEquals(1, outcome.err().lines().count(), outcome.err());
    }
    assertEquals(2, looplab("suite", "--base-url", "ftp://x").exitCode());
  }

  @Test
  void bothModesWriteOneJsonWithSpeedFactorAndPredictions(Vertx vertx, @TempDir Path dir) throws IOException {
    LabServer lab = startLab(vertx, 100);
    Path file = dir.resolve("fast.json");
    CommandRun outcome = looplab("experiment", "--base-url", url(lab), "--route", "fast-run", "--calls", "4",
        "--mode", "both", "--format", "json", "--out", file.toString());
    assertEquals(0, outcome.exitCode(), outcome.err());
    assertTrue(outcome.out().contains("speed factor sync/async"), outcome.out());
    JsonObject doc = new JsonObject(Files.readString(file));
    assertTrue(doc.getBoolean("complete"));
    assertTrue(doc.getDouble("speed_factor") > 1.5, doc.encode());
    JsonArray runs = doc.getJsonArray("runs");
    assertEquals(List.of("sync", "async"), runs.stream().map(r -> ((JsonObject) r).getString("mode")).toList());
    assertEquals(400.0, runs.getJsonObject(0).getJsonObject("prediction").getDouble("wall_ms"));
    assertEquals(100.0, runs.getJsonObject(1).getJsonObject("prediction").getDouble("wall_ms"));
    assertEquals(4, runs.getJsonObject(1).getJsonArray("calls").size());
  }

  @Test
  void csvGoesToStdoutWithoutOut(Vertx vertx) throws IOException {
    LabServer lab = startLab(vertx, 100);
    CommandRun outcome = looplab("experiment", "--base-url", url(lab), "--calls", "3", "--format", "CSV");
    assertEquals(0, outcome.exitCode(), outcome.err());
    // the lab server runs in this JVM, so its access log lines land in the same stdout: leave them out
    String csv = outcome.out().lines().filter(l -> !l.matches("^\\d\\d:\\d\\d:\\d\\d.*")).map(l -> l + "\n")
        .reduce("", String::concat);
    assertEquals(3, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(csv)).getRecords().size(), csv);
    assertEquals("", outcome.err(), "no progress line when stderr is not a terminal");
  }

  @Test
  void suiteWritesEveryStepAndTheSummary(Vertx vertx, @TempDir Path dir) throws IOException {
    LabServer lab = startLab(vertx, 100);
    CommandRun outcome = looplab("suite", "--base-url", url(lab), "--out-dir", dir.toString());
    assertEquals(0, outcome.exitCode(), outcome.err());
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(25, names.size(), names.toString());
      assertTrue(names.contains("07-slow-run-25.json") && names.contains("07-slow-run-25.html")
          && names.contains("summary.txt"), names.toString());
    }
    String summary = Files.readString(dir.resolve("summary.txt"));
    assertEquals(2, summary.lines().filter(l -> l.contains("speed factor sync/async")).count(), summary);
    assertTrue(summary.lines().anyMatch(l -> l.startsWith("slow-run-25") && l.contains(" 2500 ")), summary);
  }

  /** Ctrl-C (any JVM shutdown) mid-run: the calls done so far are written, marked incomplete. */
  @Test
  void interruptedRunWritesTheCallsDoneSoFar(Vertx vertx, @TempDir Path dir) throws Exception {
    LabServer lab = startLab(vertx, 100);
    Path file = dir.resolve("partial.json");
    Process child = new ProcessBuilder(MainCommand.of(List.of(), List.of("experiment", "--base-url", url(lab),
        "--route", "/fast-run?ms=150", "--calls", "40", "--mode", "sync", "--format", "json", "--out", file.toString())))
        .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    try {
      long before = 5;  // /info, three /health pings, the /loops reading before the run
      // three calls served: in sync mode the third is sent only once the second is recorded
      awaitServed(vertx, lab, before + 3);
      child.destroy();  // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C
      assertTrue(child.waitFor(20, TimeUnit.SECONDS), "the driver exits after writing");
    } finally {
      child.destroyForcibly();
    }
    assertTrue(Files.exists(file), Files.readString(dir.resolve("child.log")));
    JsonObject doc = new JsonObject(Files.readString(file));
    assertFalse(doc.getBoolean("complete"));
    JsonObject run = doc.getJsonArray("runs").getJsonObject(0);
    assertFalse(run.getBoolean("complete"));
    int done = run.getJsonArray("calls").size();
    assertTrue(done >= 2 && done < 40, "calls written: " + done);
    assertNotNull(run.getJsonObject("summary"));
  }

  private static void awaitServed(Vertx vertx, LabServer lab, long requests) {
    Promise<Void> served = Promise.promise();
    vertx.setPeriodic(20, id -> {
      if (lab.inFlight().finishedTotal() >= requests) {
        vertx.cancelTimer(id);
        served.tryComplete();
      }
    });
    served.future().timeout(20, TimeUnit.SECONDS).await();
  }
}
