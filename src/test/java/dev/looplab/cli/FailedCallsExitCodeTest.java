package dev.looplab.cli;

import static dev.looplab.CommandRun.looplab;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looplab.CommandRun;
import dev.looplab.server.LabServer;
import dev.looplab.server.ServerConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A run whose calls failed exits non-zero (4 some, 5 all) and still writes its results. */
class FailedCallsExitCodeTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final long PROBE_REQUESTS = 4;  // /info and three /health pings

  private LabServer lab;

  private void startLab() throws Exception {
    lab = new LabServer(ServerConfig.defaults().withPort(0).withTaskMs(100).withShutdownGraceMs(2_000), Lessons.all());
    lab.start().await();
    // the probe's first /info obeys --timeout-ms too: a cold server's first answer must not decide the test
    HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url() + "/info")).build(),
        HttpResponse.BodyHandlers.discarding());
  }

  @AfterEach
  void stopLab() {
    if (lab != null && !lab.vertx().deploymentIDs().isEmpty()) {
      lab.shutdown().await();
    }
  }

  private String url() {
    return "http://127.0.0.1:" + lab.port();
  }

  @Test
  void everyCallTimingOutExitsFiveWithTheResultsWritten(@TempDir Path dir) throws Exception {
    startLab();
    Path file = dir.resolve("timeouts.json");
    CommandRun run = looplab(DEADLINE, "experiment", "--base-url", url(), "--route", "/fast-run?ms=6000",
        "--calls", "5", "--timeout-ms", "2000", "--format", "json", "--out", file.toString());
    assertEquals(5, run.exitCode(), run.err());
    assertTrue(run.err().contains("5 of 5 calls failed"), run.err());
    JsonArray calls = new JsonObject(Files.readString(file)).getJsonArray("runs").getJsonObject(0).getJsonArray("calls");
    assertEquals(5, calls.size());
  }

  @Test
  void aServerStoppedMidRunExitsFourWithTheResultsWritten(@TempDir Path dir) throws Exception {
    startLab();
    Path file = dir.resolve("stopped.json");
    CompletableFuture<CommandRun> running = inBackground(() -> looplab(DEADLINE, "experiment", "--base-url", url(),
        "--route", "/fast-run?ms=50", "--calls", "30", "--mode", "sync", "--format", "json", "--out", file.toString()));
    awaitServed(PROBE_REQUESTS + 5);
    lab.shutdown().await();
    CommandRun run = running.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    assertEquals(4, run.exitCode(), run.err());
    JsonArray calls = new JsonObject(Files.readString(file)).getJsonArray("runs").getJsonObject(0).getJsonArray("calls");
    assertEquals(30, calls.size());
  }

  @Test
  void aSuiteWhoseServerStopsExitsFourWithItsSummaryWritten(@TempDir Path dir) throws Exception {
    startLab();
    CompletableFuture<CommandRun> running = inBackground(() -> looplab(DEADLINE, "suite", "--base-url", url(),
        "--warmup", "0", "--timeout-ms", "5000", "--out-dir", dir.toString()));
    awaitServed(PROBE_REQUESTS + 15);
    lab.shutdown().await();
    CommandRun run = running.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    assertEquals(4, run.exitCode(), run.err());
    assertTrue(Files.exists(dir.resolve("summary.txt")) && Files.exists(dir.resolve("08-standard-run-25.json")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"experiment", "suite"})
  void helpListsTheExitCodes(String command) {
    CommandRun run = looplab(DEADLINE, command, "--help");
    assertEquals(0, run.exitCode());
    String help = run.out();
    assertTrue(help.contains("Exit codes:"), help);
    for (String code : new String[] {"0", "1", "2", "3", "4", "5", "130"}) {
      assertTrue(help.lines().anyMatch(l -> l.strip().startsWith(code + " ")), code + " missing in\n" + help);
    }
  }

  private static CompletableFuture<CommandRun> inBackground(Supplier<CommandRun> command) {
    return CompletableFuture.supplyAsync(command);
  }

  private void awaitServed(long requests) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (lab.inFlight().finishedTotal() < requests) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the lab served only " + lab.inFlight().finishedTotal() + " requests in 30 s");
      }
      Thread.sleep(10);  // polls a counter the lab exposes; there is no event to wait on
    }
  }
}
