package dev.looplab.lessons.decisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A database that is down, or up but silent, gets a 503 JSON within the timeout: never a hang. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DatabaseDownTest {
  private static final int TIMEOUT_MS = 500;
  private final List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
  private ServerSocket silent;
  private DecisionsServer lab;

  @AfterEach
  void stop() throws IOException {
    // the silent server goes first: a reactive client still connecting to it would hold Vert.x's close
    if (silent != null) {
      silent.close();
    }
    for (Socket socket : held) {
      socket.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"loop", "worker", "reactive"})
  void aRefusedConnectionIsA503Quickly(String client) throws IOException {
    int closedPort = closedPort();
    lab = new DecisionsServer(settings(closedPort), DecisionsServer.config());

    assertAnswers503Within(client, 3 * TIMEOUT_MS + 2000);
  }

  @ParameterizedTest
  @ValueSource(strings = {"loop", "worker", "reactive"})
  void aServerThatAcceptsButNeverAnswersIsA503AfterTheTimeout(String client) throws IOException {
    silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(() -> {
      try {
        while (true) {
          held.add(silent.accept()); // accepted, never read nor answered
        }
      } catch (IOException closed) {
        // the test is over
      }
    }, "silent-database");
    acceptor.setDaemon(true);
    acceptor.start();
    lab = new DecisionsServer(settings(silent.getLocalPort()), DecisionsServer.config());

    assertAnswers503Within(client, 4 * TIMEOUT_MS + 3000);
  }

  @Test
  void withoutUrlsTheRouteSaysHowToGetTheDatabases() {
    lab = new DecisionsServer(DecisionsSettings.unconfigured(), DecisionsServer.config());
    HttpResponse<Buffer> response = lab.postNow("/decisions", DecisionsServer.body(1), "off-1");

    assertEquals(503, response.statusCode());
    assertEquals("databases_not_configured", response.bodyAsJsonObject().getString("error"));
    assertTrue(response.bodyAsJsonObject().getString("detail").contains("scripts/with-databases.sh"));
    assertEquals(200, lab.get("/say-hi").statusCode());
    assertTrue(lab.get("/info").bodyAsJsonObject().getJsonObject("decisions").containsKey("off"));
  }

  private void assertAnswers503Within(String client, long boundMs) {
    long start = System.nanoTime();
    HttpResponse<Buffer> response = lab.postNow("/decisions?client=" + client, DecisionsServer.body(1, 2), "down-" + client);
    long tookMs = (System.nanoTime() - start) / 1_000_000;

    assertEquals(503, response.statusCode(), response.bodyAsString());
    assertEquals("database_unavailable", response.bodyAsJsonObject().getString("error"));
    assertTrue(response.bodyAsJsonObject().getString("detail").startsWith("client=" + client), response.bodyAsString());
    assertTrue(tookMs < boundMs, "took " + tookMs + " ms");
  }

  private static DecisionsSettings settings(int port) {
    return DecisionsSettings.unconfigured()
        .withDatabases(DatabaseUrl.postgres("postgresql://looplab@127.0.0.1:" + port + "/looplab"),
            DatabaseUrl.redis("redis://127.0.0.1:" + port))
        .withTimeoutMs(TIMEOUT_MS);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
