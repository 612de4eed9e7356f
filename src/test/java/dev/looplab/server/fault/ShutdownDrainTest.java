package dev.looplab.server.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looplab.ServerProcess;
import dev.looplab.server.fault.RawHttp.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SIGTERM to a real server process: every request it has read gets an answer (its result, or a 503
 * JSON once the grace is over), and the drain line counts what happened honestly.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ShutdownDrainTest {
  private static final Pattern DRAINED = Pattern.compile(
      "drained: (\\d+) request\\(s\\) finished during shutdown, (\\d+) answered 503 when the grace ran out, (\\d+) cut off");
  private static final Pattern SHUTTING_DOWN = Pattern.compile("shutting down: ");

  @Test
  void withTheLoopBlockedEveryRequestReadGetsAnAnswer() throws Exception {
    try (ServerProcess server = ServerProcess.start("--shutdown-grace-ms", "1000")) {
      List<RawHttp> clients = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        clients.add(new RawHttp(server.port()).send("GET /slow-run?ms=200 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
      }
      server.await(Pattern.compile("GET /slow-run\\?ms=200 200")); // the loop is busy with them, one after another
      server.terminate();

      int ok = 0;
      int refused = 0;
      for (RawHttp client : clients) {
        Answer answer = client.readAll();
        client.close();
        if (answer.status() == 200) {
          ok++;
        } else {
          assertEquals(503, answer.status(), "closed without an answer or a wrong one: '" + answer.raw() + "'");
          assertTrue(answer.isJsonError(), answer.raw());
          refused++;
        }
      }
      assertEquals(20, ok + refused);
      assertEquals(0, server.awaitExit(30));
      Matcher drained = server.await(DRAINED);
      assertEquals(0, Integer.parseInt(drained.group(3)), drained.group());
      assertEquals(refused, Integer.parseInt(drained.group(2)), drained.group());
      assertEquals(okAfterSigterm(server.lines()), Integer.parseInt(drained.group(1)), drained.group());
      assertTrue(refused > 0, "20 x 200 ms on one loop cannot all fit in 1 s of grace: " + drained.group());
    }
  }

  /** The way requests were lost: connections accepted while the loop is blocked, SIGTERM before it reads them. */
  @Test
  void connectionsAcceptedBehindABlockedLoopAreAnsweredToo() throws Exception {
    try (ServerProcess server = ServerProcess.startDebug("--shutdown-grace-ms", "1000")) {
      List<RawHttp> clients = new ArrayList<>();
      clients.add(new RawHttp(server.port()).send("GET /slow-run?ms=1500 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
      server.await(Pattern.compile("slow-run started")); // the loop sleeps from here
      for (int i = 0; i < 19; i++) {
        clients.add(new RawHttp(server.port()).send("GET /slow-run?ms=100 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
      }
      // the promise is for connections the server has taken: on a busy machine the kernel may still
      // hold some in the listening socket's queue when a signal sent at once arrives
      awaitAcceptedByServer(server.port(), 20);
      server.terminate();
      int answered = 0;
      for (RawHttp client : clients) {
        Answer answer = client.readAll();
        client.close();
        assertTrue(answer.status() == 200 || answer.status() == 503 && answer.isJsonError(),
            "closed without an answer or a wrong one: '" + answer.raw() + "'");
        answered++;
      }
      assertEquals(20, answered);
      assertEquals(0, server.awaitExit(30));
      assertEquals("0", server.await(DRAINED).group(3));
    }
  }

  @Test
  void aSlowClientThatFinishesItsRequestWithinTheGraceIsServed() throws Exception {
    try (ServerProcess server = ServerProcess.start("--shutdown-grace-ms", "5000", "--task-ms", "50")) {
      try (RawHttp slow = new RawHttp(server.port()); RawHttp silent = new RawHttp(server.port())) {
        slow.send("GET /fast-run HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        awaitOpenConnections(server, 2); // slow and the one asking (a silent one is not an HTTP connection yet)
        server.terminate();
        server.await(SHUTTING_DOWN);
        slow.send("Accept: application/json\r\n\r\n");
        Answer answer = slow.readAll();
        assertEquals(200, answer.status(), () -> answer.raw() + String.join("\n", server.lines()));
        assertEquals("close", answer.header("Connection"), answer.raw());
        assertTrue(slow.closedByServer());
        assertTrue(silent.closedByServer(), "a connection that never sent anything stays open past the grace");
      }
      assertEquals(0, server.awaitExit(30));
      Matcher drained = server.await(DRAINED);
      assertEquals("1", drained.group(1), drained.group());
      assertEquals("0", drained.group(3), drained.group());
    }
  }

  @Test
  void whenTheGraceRunsOutARequestStillWaitingGets503() throws Exception {
    try (ServerProcess server = ServerProcess.startDebug("--shutdown-grace-ms", "1000")) {
      try (RawHttp client = new RawHttp(server.port())) {
        client.send("GET /fast-run?ms=20000 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        server.await(Pattern.compile("fast-run started"));
        long sigterm = System.nanoTime();
        server.terminate();
        Answer answer = client.readAll();
        long tookMs = (System.nanoTime() - sigterm) / 1_000_000;
        assertEquals(503, answer.status(), answer.raw());
        assertTrue(answer.isJsonError(), answer.raw());
        assertTrue(tookMs >= 900 && tookMs < 10_000, "503 after " + tookMs + " ms, grace 1000 ms");
      }
      assertEquals(0, server.awaitExit(30));
      Matcher drained = server.await(DRAINED);
      assertEquals("0 1 0", drained.group(1) + " " + drained.group(2) + " " + drained.group(3), drained.group());
      List<String> lines = server.lines();
      int sigtermLine = 0;
      while (!lines.get(sigtermLine).contains("shutting down: ")) {
        sigtermLine++;
      }
      List<String> afterSigterm = lines.subList(sigtermLine, lines.size());
      assertTrue(afterSigterm.stream().noneMatch(line -> line.contains(" ERROR ") || line.startsWith("\tat ")),
          "the late timer's result was not dropped quietly:\n" + String.join("\n", afterSigterm));
    }
  }

  @Test
  void anEventStreamEndsCleanlyAtOnceInsteadOfHoldingTheGrace() throws Exception {
    try (ServerProcess server = ServerProcess.start("--shutdown-grace-ms", "10000")) {
      try (RawHttp stream = new RawHttp(server.port())) {
        stream.send("GET /live/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        byte[] head = new byte[12];
        assertEquals(12, stream.socket.getInputStream().readNBytes(head, 0, 12));
        assertEquals("HTTP/1.1 200", new String(head, java.nio.charset.StandardCharsets.ISO_8859_1));
        long sigterm = System.nanoTime();
        server.terminate();
        String rest = new String(stream.socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(rest.endsWith("0\r\n\r\n"), "the stream was not ended cleanly: " + rest);
        assertEquals(0, server.awaitExit(30));
        long tookMs = (System.nanoTime() - sigterm) / 1_000_000;
        assertTrue(tookMs < 5000, "an open stream held the shutdown for " + tookMs + " ms");
      }
      assertEquals("0", server.await(DRAINED).group(3));
    }
  }

  /** Until the listening socket's accept queue is empty and {@code count} connections to the port are established. */
  private static void awaitAcceptedByServer(int port, int count) throws Exception {
    String local = String.format(":%04X", port);
    for (int tries = 0; tries < 1000; tries++) {
      long established = 0;
      long queued = -1;
      List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("/proc/net/tcp")));
      lines.addAll(Files.readAllLines(Path.of("/proc/net/tcp6"))); // Java listens dual-stack
      for (String line : lines) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 4 && f[1].endsWith(local)) {
          if (f[3].equals("0A")) {
            queued = Long.parseLong(f[4].substring(f[4].indexOf(':') + 1), 16);
          } else if (f[3].equals("01")) {
            established++;
          }
        }
      }
      if (queued == 0 && established >= count) {
        return;
      }
      Thread.sleep(10); // a kernel queue has no event to wait on; polled, bounded at 10 s
    }
    throw new AssertionError("the server never took " + count + " connections on port " + port);
  }

  private static void awaitOpenConnections(ServerProcess server, int atLeast) throws Exception {
    Pattern open = Pattern.compile("\"open\":(\\d+)");
    try (RawHttp info = new RawHttp(server.port())) { // one keep-alive connection, so it counts once
      for (int tries = 0; tries < 200; tries++) {
        Answer answer = info.send("GET /info HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").readAll();
        Matcher m = open.matcher(answer.body());
        if (m.find() && Integer.parseInt(m.group(1)) >= atLeast) {
          return;
        }
      }
    }
    throw new AssertionError("the server never saw " + atLeast + " open connections");
  }

  private static long okAfterSigterm(List<String> lines) {
    int from = 0;
    while (!lines.get(from).contains("shutting down: ")) {
      from++;
    }
    return lines.subList(from, lines.size()).stream().filter(line -> line.contains("GET /slow-run?ms=200 200")).count();
  }
}
