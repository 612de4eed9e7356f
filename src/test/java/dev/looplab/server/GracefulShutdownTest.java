package dev.looplab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs the real server process and sends it SIGTERM while a request is in flight. */
class GracefulShutdownTest {
  private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void sigtermLetsTheInFlightRequestFinishThenExitsZero() throws Exception {
    // the production logging setup, not the quiet one the tests use
    String logConfig = Path.of(getClass().getResource("/logback.xml").toURI()).toString();
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dlogback.configurationFile=" + logConfig,
        "-cp", System.getProperty("java.class.path"), "dev.looplab.Main", "server")
        .redirectErrorStream(true);
    builder.environment().put("PORT", "0");
    builder.environment().put("LOOPLAB_LOG_LEVEL", "DEBUG");
    Process server = builder.start();
    LogWatcher log = new LogWatcher(server);
    try {
      int port = Integer.parseInt(log.await(LISTENING).group(1));
      // HTTP/1.1 as curl speaks it; the JDK client's h2c upgrade would add HTTP/2's GOAWAY to the story
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fast-run?ms=1500")).build(),
          HttpResponse.BodyHandlers.ofString());
      log.await(Pattern.compile("fast-run started"));

      server.toHandle().destroy(); // SIGTERM; Process.destroy() would also close the pipe we read

      HttpResponse<String> answer = inFlight.get(20, TimeUnit.SECONDS);
      assertEquals(200, answer.statusCode(), answer.body());
      assertTrue(server.waitFor(20, TimeUnit.SECONDS), "server did not exit");
      assertEquals(0, server.exitValue(), log.lines::toString);
      log.await(Pattern.compile("shutting down: 1 request\\(s\\) in flight"));
      log.await(Pattern.compile("drained: 1 request\\(s\\) finished during shutdown, 0 answered 503 when the grace ran out, 0 cut off"));
      assertRefused(http, port);
    } finally {
      server.destroyForcibly();
    }
  }

  private static void assertRefused(HttpClient http, int port) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
    try {
      http.send(request, HttpResponse.BodyHandlers.discarding());
      throw new AssertionError("the server still answers after exiting");
    } catch (ConnectException expected) {
      // nothing listens any more
    } catch (Exception e) {
      assertTrue(e.getCause() instanceof ConnectException, e.toString());
    }
  }

  /** Collects the server's output on a thread of its own; the test waits for a line, never sleeps. */
  private static final class LogWatcher {
    final List<String> lines = new CopyOnWriteArrayList<>();
    private boolean ended;

    LogWatcher(Process process) {
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          in.lines().forEach(this::add);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
          // the process went away; ended below
        }
        synchronized (this) {
          ended = true;
          notifyAll();
        }
      }, "server-output");
      reader.setDaemon(true);
      reader.start();
    }

    private synchronized void add(String line) {
      lines.add(line);
      notifyAll();
    }

    /** Blocks until a line matches; the test's timeout bounds the wait. */
    synchronized Matcher await(Pattern pattern) throws InterruptedException {
      int checked = 0;
      while (true) {
        for (; checked < lines.size(); checked++) {
          Matcher m = pattern.matcher(lines.get(checked));
          if (m.find()) {
            return m;
          }
        }
        if (ended) {
          throw new AssertionError("server output ended before " + pattern + ": " + lines);
        }
        wait();
      }
    }
  }
}
