package dev.looplab.server.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looplab.ServerProcess;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A connection that sends nothing, half a header, or a header one byte at a time is closed once its
 * headers are late; a keep-alive connection left idle is closed after the idle timeout; both counted.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionTimeoutTest {
  private static final long HEADER_MS = 400;
  private static final long IDLE_MS = 800;
  private static ServerProcess server;

  @BeforeAll
  static void start() throws Exception {
    server = ServerProcess.start("--header-timeout-ms", Long.toString(HEADER_MS), "--idle-timeout-ms", Long.toString(IDLE_MS));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aConnectionThatSendsNothingIsClosedOnceItsHeadersAreLate() throws Exception {
    try (RawHttp silent = new RawHttp(server.port())) {
      assertClosedWithin(silent, HEADER_MS);
    }
  }

  @Test
  void aConnectionThatSendsHalfAHeaderIsClosedOnceItsHeadersAreLate() throws Exception {
    try (RawHttp half = new RawHttp(server.port())) {
      half.send("GET /say-hi HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: ");
      assertClosedWithin(half, HEADER_MS);
    }
  }

  @Test
  void aHeaderSentOneByteAtATimeIsStillBoundedByTheHeaderTimeout() throws Exception {
    try (RawHttp trickle = new RawHttp(server.port())) {
      long start = System.nanoTime();
      String request = "GET /say-hi HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + "a".repeat(200) + "\r\n\r\n";
      boolean closed = false;
      for (int i = 0; i < request.length() && !closed; i++) {
        try {
          trickle.send(request.substring(i, i + 1));
          Thread.sleep(50); // the slow client's pace, not a wait for the server
        } catch (java.io.IOException e) {
          closed = true;
        }
      }
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertTrue(closed || trickle.closedByServer(), "a 10 s trickle was never cut off");
      assertTrue(tookMs < 6 * HEADER_MS + 2000, "cut off only after " + tookMs + " ms");
    }
  }

  @Test
  void anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeoutNotBefore() throws Exception {
    try (RawHttp keepAlive = new RawHttp(server.port())) {
      // taken before the request is sent: the server's idle clock starts when the answer has gone out,
      // which is after this and can be well before this thread gets to run again on a busy machine
      long sent = System.nanoTime();
      RawHttp.Answer first = keepAlive.send("GET /say-hi HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").readAll();
      assertEquals(200, first.status());
      keepAlive.socket.setSoTimeout((int) (IDLE_MS / 2));
      assertTrue(!keepAlive.closedByServer(), "closed well before the idle timeout");
      keepAlive.socket.setSoTimeout(15_000);
      assertTrue(keepAlive.closedByServer());
      long idleMs = (System.nanoTime() - sent) / 1_000_000;
      assertTrue(idleMs >= IDLE_MS && idleMs < IDLE_MS + 5000, "closed " + idleMs + " ms after the request was sent");
    }
  }

  @Test
  void closedConnectionsAreCountedOnInfoAndMetrics() throws Exception {
    try (RawHttp silent = new RawHttp(server.port())) {
      assertClosedWithin(silent, HEADER_MS);
    }
    RawHttp.Answer info = RawHttp.get(server.port(), "/info");
    Matcher header = Pattern.compile("\"closed_header_timeout\":(\\d+)").matcher(info.body());
    assertTrue(header.find() && Integer.parseInt(header.group(1)) >= 1, info.body());
    assertTrue(info.body().contains("\"closed_idle_timeout\":"), info.body());
    String metrics = RawHttp.get(server.port(), "/metrics").body();
    assertTrue(Pattern.compile("looplab_connections_closed_total\\{reason=\"header_timeout\"} [1-9]").matcher(metrics).find(),
        metrics.lines().filter(line -> line.contains("connections")).toList().toString());
  }

  private static void assertClosedWithin(RawHttp connection, long limitMs) throws Exception {
    long start = System.nanoTime();
    assertTrue(connection.closedByServer(), "still open after the socket timeout");
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertTrue(tookMs < limitMs + 5000, "closed only after " + tookMs + " ms, limit " + limitMs + " ms");
  }
}
