package dev.looplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looplab.server.LabServer;
import dev.looplab.server.ServerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ctrl-C (SIGINT) to a real client process: exit 130, one short line on stderr, what was measured kept. */
@ExtendWith(VertxExtension.class)
class InterruptTest {
  private static final long PROBE_REQUESTS = 4;  // /info and three /health pings
  private static final int INTERRUPTED = 130;    // 128 + SIGINT, as a shell reports it

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"experiment", "suite"})
  void ctrlCWhileWaitingForTheServerExits130WithOneLine(String command) throws Exception {
    try (SilentListener silent = new SilentListener();
        ClientProcess client = ClientProcess.start(dir, command, "--base-url", silent.url(), "--timeout-ms", "60000",
            command.equals("suite") ? "--out-dir" : "--out", dir.resolve("results").toString())) {
      silent.awaitConnection(60);
      client.interrupt();
      assertEquals(INTERRUPTED, client.awaitExit(20), client.err());
      String err = client.err().strip();
      assertEquals(1, err.lines().count(), err);
      assertTrue(err.startsWith("looplab: interrupted"), err);
    }
  }

  @Test
  void ctrlCDuringARunKeepsTheCallsDoneAndSaysSo(Vertx vertx) throws Exception {
    LabServer lab = startLab(vertx);
    Path file = dir.resolve("partial.json");
    try (ClientProcess client = ClientProcess.start(dir, "experiment", "--base-url", "http://127.0.0.1:" + lab.port(),
        "--route", "/fast-run?ms=150", "--calls", "40", "--mode", "sync", "--format", "json", "--out", file.toString())) {
      awaitServed(lab, PROBE_REQUESTS + 3);
      client.interrupt();
      assertEquals(INTERRUPTED, client.awaitExit(20), client.err());
      String err = client.err().strip();
      assertEquals(1, err.lines().count(), err);
      assertTrue(err.startsWith("looplab: interrupted") && err.contains(file.toString()), err);
    }
    JsonObject doc = new JsonObject(Files.readString(file));
    assertFalse(doc.getBoolean("complete"));
    int done = doc.getJsonArray("runs").getJsonObject(0).getJsonArray("calls").size();
    assertTrue(done >= 2 && done < 40, "calls written: " + done);
  }

  @Test
  void ctrlCDuringASuiteKeepsTheStepsDoneAndSaysSo(Vertx vertx) throws Exception {
    LabServer lab = startLab(vertx);
    Path out = dir.resolve("suite");
    try (ClientProcess client = ClientProcess.start(dir, "suite", "--base-url", "http://127.0.0.1:" + lab.port(),
        "--warmup", "0", "--out-dir", out.toString())) {
      awaitServed(lab, PROBE_REQUESTS + 25);  // into the second step
      client.interrupt();
      assertEquals(INTERRUPTED, client.awaitExit(20), client.err());
      String err = client.err().strip();
      assertEquals(1, err.lines().count(), err);
      assertTrue(err.startsWith("looplab: interrupted") && err.contains(out.toString()), err);
    }
    assertTrue(Files.exists(out.resolve("01-say-hi-10.json")) && Files.exists(out.resolve("summary.txt")));
  }

  private static LabServer startLab(Vertx vertx) {
    LabServer lab = new LabServer(ServerConfig.defaults().withPort(0).withTaskMs(100), Lessons.all(), vertx);
    lab.start().await();
    return lab;
  }

  private static void awaitServed(LabServer lab, long requests) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (lab.inFlight().finishedTotal() < requests) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the lab served only " + lab.inFlight().finishedTotal() + " requests in 60 s");
      }
      Thread.sleep(10);  // polls a counter the lab exposes; there is no event to wait on
    }
  }
}
