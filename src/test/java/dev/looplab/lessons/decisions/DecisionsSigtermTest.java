package dev.looplab.lessons.decisions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.looplab.ServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The real server process, configured by the environment: SIGTERM waits for the background writes, none is lost. */
@ExtendWith(RealDatabases.class)
class DecisionsSigtermTest {
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void afterSigtermTheTableHoldsEveryAcceptedDecision() throws Exception {
    String[] urls = RealDatabases.urls();
    // the production logging setup (ServerProcess's), which logs the port and the drain
    try (ServerProcess server = ServerProcess.start(Map.of("LOOPLAB_POSTGRES_URL", urls[0], "LOOPLAB_REDIS_URL", urls[1]))) {
      String prefix = "sigterm-" + UUID.randomUUID() + "-";
      int n = 6;
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (int i = 0; i < n; i++) {
        // every insert waits 400 ms inside PostgreSQL: they are still pending when SIGTERM comes
        HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/decisions?client=reactive&write_ms=400"))
            .header("X-Request-Id", prefix + i).POST(HttpRequest.BodyPublishers.ofString("{\"features\": [" + i + ", 0.5]}")).build();
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(post, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.get(20, TimeUnit.SECONDS).statusCode());
      }

      server.terminate();

      assertEquals(0, server.awaitExit(30), server.lines()::toString);
      assertEquals(n, RealDatabases.rowsFor(prefix), server.lines()::toString);
      server.await(Pattern.compile("background writes drained")); // fails if the output ends without it
    }
  }
}
