package dev.looplab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looplab.ServerProcess;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs the real server process and sends it SIGTERM while a request is in flight. */
class GracefulShutdownTest {
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void sigtermLetsTheInFlightRequestFinishThenExitsZero() throws Exception {
    try (ServerProcess server = ServerProcess.startDebug()) {
      int port = server.port();
      // HTTP/1.1 as curl speaks it; the JDK client's h2c upgrade would add HTTP/2's GOAWAY to the story
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fast-run?ms=1500")).build(),
          HttpResponse.BodyHandlers.ofString());
      server.await(Pattern.compile("fast-run started"));

      server.terminate();

      HttpResponse<String> answer = inFlight.get(20, TimeUnit.SECONDS);
      assertEquals(200, answer.statusCode(), answer.body());
      assertEquals(0, server.awaitExit(20), server.lines()::toString);
      server.await(Pattern.compile("shutting down: 1 request\\(s\\) in flight"));
      server.await(Pattern.compile("drained: 1 request\\(s\\) finished during shutdown, 0 answered 503 when the grace ran out, 0 cut off"));
      assertRefused(http, port);
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
}
