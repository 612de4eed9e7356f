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
 * A SIGTERM stops the server even when nobody reads its output any more (a paused pager, a
 * terminal after Ctrl-S): its log lines then block whoever writes them, the signal's handler too.
 */
class StuckOutputShutdownTest {
  private static final long GRACE_MS = 200;
  /** ServerCommand's bound (twice the grace plus 10 s), then 2 s for the exit's own hooks. */
  private static final long BOUND_MS = 2 * GRACE_MS + 10_000 + 2_000;

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aServerWhoseOutputNobodyReadsStillExitsWithinItsBound() throws Exception {
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

      assertEquals(1, code, "the drain could not log its end, so the shutdown ended at its bound");
      assertTrue(tookMs < BOUND_MS + 5_000, "exited " + tookMs + " ms after SIGTERM; bound " + BOUND_MS + " ms");
    }
  }
}
