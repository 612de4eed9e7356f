package dev.looplab.lessons.decisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The real server process, configured by the environment: SIGTERM waits for the background writes, none is lost. */
@ExtendWith(RealDatabases.class)
class DecisionsSigtermTest {
  private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void afterSigtermTheTableHoldsEveryAcceptedDecision() throws Exception {
    String[] urls = RealDatabases.urls();
    // the production logging setup, which logs the port and the drain, not the quiet one the tests use
    String logConfig = Path.of(getClass().getResource("/logback.xml").toURI()).toString();
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dlogback.configurationFile=" + logConfig, "-cp", System.getProperty("java.class.path"), "dev.looplab.Main", "server").redirectErrorStream(true);
    builder.environment().put("PORT", "0");
    builder.environment().put("LOOPLAB_POSTGRES_URL", urls[0]);
    builder.environment().put("LOOPLAB_REDIS_URL", urls[1]);
    Process server = builder.start();
    List<String> output = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8)).lines().forEach(line -> {
        synchronized (output) {
          output.add(line);
          output.notifyAll();
        }
      });
      synchronized (output) {
        output.add("<end of output>");
        output.notifyAll();
      }
    }, "server-output");
    reader.setDaemon(true);
    reader.start();
    try {
      int port = Integer.parseInt(awaitLine(output, LISTENING).group(1));
      String prefix = "sigterm-" + UUID.randomUUID() + "-";
      int n = 6;
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (int i = 0; i < n; i++) {
        // every insert waits 400 ms inside PostgreSQL: they are still pending when SIGTERM comes
        HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/decisions?client=reactive&write_ms=400"))
            .header("X-Request-Id", prefix + i).POST(HttpRequest.BodyPublishers.ofString("{\"features\": [" + i + ", 0.5]}")).build();
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(post, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.get(20, TimeUnit.SECONDS).statusCode());
      }

      server.toHandle().destroy(); // SIGTERM

      assertTrue(server.waitFor(30, TimeUnit.SECONDS), "server did not exit");
      assertEquals(0, server.exitValue(), output::toString);
      assertEquals(n, RealDatabases.rowsFor(prefix), output::toString);
      assertTrue(output.stream().anyMatch(line -> line.contains("background writes drained")), output::toString);
    } finally {
      server.destroyForcibly();
    }
  }

  /** Waits for a line of the server's output, woken by each new line; the test's timeout bounds the wait. */
  private static Matcher awaitLine(List<String> output, Pattern pattern) throws InterruptedException {
    synchronized (output) {
      for (int checked = 0; ; checked++) {
        while (checked == output.size()) {
          output.wait();
        }
        if (output.get(checked).equals("<end of output>")) {
          throw new AssertionError("the server's output ended before " + pattern + ": " + output);
        }
        Matcher m = pattern.matcher(output.get(checked));
        if (m.find()) {
          return m;
        }
      }
    }
  }
}
