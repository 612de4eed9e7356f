package dev.looplab.server.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looplab.ServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server whose output nobody reads any more (a paused pager, a terminal after Ctrl-S) goes on as
 * usual: no thread that logs, an event loop least of all, waits for the console. Its lines are
 * dropped and counted instead, and a SIGTERM drains and exits 0 as it does any day.
 */
class StuckOutputShutdownTest {
  private static final long GRACE_MS = 200;

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aServerWhoseOutputNobodyReadsServesOnAndDrainsCleanlyOnSigterm() throws Exception {
    try (ServerProcess server = ServerProcess.start("--shutdown-grace-ms", Long.toString(GRACE_MS))) {
      server.stopReadingOutput();
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpRequest sayHi = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/say-hi")).build();
      // an access line each, about 110 bytes: 330 kB, far more than the pipe and the reader's buffer hold
      for (int i = 0; i < 3_000; i++) {
        assertEquals(200, http.send(sayHi, HttpResponse.BodyHandlers.discarding()).statusCode());
      }

      long signalled = System.nanoTime();
      server.terminate();
      int code = server.awaitExit(60);
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);

      // the drain logs its end on an event loop: were that line to wait for the console, the exit
      // would come only at the shutdown's bound (2 x grace + 10 s), with code 1
      assertEquals(0, code, "a clean drain, though its lines could not be written");
      assertTrue(tookMs < GRACE_MS + 5_000, "exited " + tookMs + " ms after SIGTERM");
    }
  }
}
