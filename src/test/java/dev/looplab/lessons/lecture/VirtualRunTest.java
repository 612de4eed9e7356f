package dev.looplab.lessons.lecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A sleep on a virtual thread holds no carrier: K of them at once take about one sleep, not K. */
@ExtendWith(VertxExtension.class)
class VirtualRunTest {
  private static final int SLEEP_MS = 300;
  private static final int K = 8;
  private static final boolean VIRTUAL_THREADS = Runtime.version().feature() >= 21;
  private LectureServer lab;

  @BeforeEach
  void start(Vertx vertx) {
    lab = new LectureServer(vertx, SLEEP_MS);
  }

  @AfterEach
  void stop() {
    lab.stop();
  }

  @Test
  void kConcurrentSleepsFinishInWellUnderKTimesTheSleep() {
    assumeTrue(VIRTUAL_THREADS, "virtual threads need JDK 21+");
    lab.get("/virtual-run?ms=10");

    long start = System.nanoTime();
    List<JsonObject> answers = lab.getConcurrently("/virtual-run", K);
    long wallMs = LectureServer.msSince(start);

    assertTrue(wallMs < K * SLEEP_MS / 2, K + " sleeps of " + SLEEP_MS + " ms took " + wallMs + " ms");
    answers.forEach(a -> assertTrue(a.getString("virtual_thread_before").startsWith("VirtualThread"), a.encode()));
  }

  @Test
  void withoutVirtualThreadsTheRouteSays501AndWhy() {
    assumeTrue(!VIRTUAL_THREADS, "this JDK has virtual threads");

    HttpResponse<Buffer> response = lab.client.get("/virtual-run").send().await();

    assertEquals(501, response.statusCode());
    JsonObject error = response.bodyAsJsonObject();
    assertEquals("virtual_threads_unavailable", error.getString("error"));
    assertTrue(error.getString("detail").contains("JDK 21"), error.encode());
  }
}
