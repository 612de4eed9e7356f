package dev.looplab.lessons.decisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** Background writes: every accepted one is in the table after a clean shutdown; a failed one is logged and counted. */
@ExtendWith(RealDatabases.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DecisionsWritesTest {

  @Test
  void afterAShutdownTheTableHoldsExactlyTheAcceptedRows() throws Exception {
    String prefix = "rows-" + UUID.randomUUID() + "-";
    int n = 9;
    DecisionsServer lab = new DecisionsServer(RealDatabases.settings(), DecisionsServer.config());
    try {
      String[] clients = {"loop", "worker", "reactive"};
      for (int i = 0; i < n; i++) {
        // each insert waits 150 ms inside PostgreSQL, so most are still pending when the shutdown begins
        String uri = "/decisions?write_ms=150&client=" + clients[i % 3];
        assertEquals(200, lab.postNow(uri, DecisionsServer.body(i % 4, 7), prefix + i).statusCode());
      }
      JsonObject writes = lab.get("/info").bodyAsJsonObject().getJsonObject("decisions").getJsonObject("writes");
      assertEquals(n, writes.getJsonObject("postgres").getLong("accepted"), writes.encode());
      String metrics = lab.get("/metrics").bodyAsString();
      assertTrue(metrics.contains("looplab_decisions_writes_total{outcome=\"accepted\",target=\"postgres\"}"), "no write counters in /metrics");
    } finally {
      assertEquals(0, lab.shutdown());
      lab.close();
    }
    assertEquals(0, lab.lesson.ledger().pending(), lab.lesson.ledger().toJson().encode());
    assertEquals(n, RealDatabases.rowsFor(prefix));
  }

  @Test
  void aFailedWriteIsLoggedWithItsRequestIdAndCounted() throws IOException, InterruptedException {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger logger = (Logger) LoggerFactory.getLogger(DecisionsLesson.class);
    log.start();
    logger.addAppender(log);
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    // Redis is up, PostgreSQL is not: the answer is served, the row cannot be written
    DecisionsSettings settings = RealDatabases.settings()
        .withDatabases(DatabaseUrl.postgres("postgresql://looplab@127.0.0.1:" + closedPort + "/looplab"), RealDatabases.settings().redis());
    try (DecisionsServer lab = new DecisionsServer(settings, DecisionsServer.config())) {
      assertEquals(200, lab.postNow("/decisions?client=reactive", DecisionsServer.body(Math.random()), "doomed-write-1").statusCode());

      assertEquals(0, lab.lesson.drain(10_000).await());
      JsonObject postgres = lab.lesson.ledger().toJson().getJsonObject("postgres");
      assertEquals(1, postgres.getLong("failed"), postgres.encode());
      assertEquals(0, postgres.getLong("written"));
      assertTrue(log.list.stream().anyMatch(e -> e.getFormattedMessage().contains("request_id=doomed-write-1")
          && e.getFormattedMessage().contains("postgres")), "no log line naming the request");
    } finally {
      logger.detachAppender(log);
    }
  }
}
