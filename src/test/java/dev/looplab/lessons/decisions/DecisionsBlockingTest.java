package dev.looplab.lessons.decisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looplab.observe.BlockedEpisode;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The lecture's point, measured: blocking drivers on the loop serialise requests; reactive clients do not. */
@ExtendWith(RealDatabases.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DecisionsBlockingTest {
  private static final int IO_MS = 250;
  private final BlockingQueue<BlockedEpisode> episodes = new LinkedBlockingQueue<>();
  private DecisionsServer lab;

  private void start(int poolSize) {
    lab = new DecisionsServer(RealDatabases.settings().withPoolSizes(poolSize, poolSize), DecisionsServer.config());
    lab.server.observatory().onBlockedEpisode(episodes::add);
  }

  @AfterEach
  void stop() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void fourLoopDecisionsWaitForEachOtherAndTheBlockIsAttributedToTheDriverUnderDecisions() throws InterruptedException {
    start(4);
    long tookMs = timed(4, "/decisions?client=loop&io_ms=" + IO_MS, "loop-");

    assertTrue(tookMs >= 4 * IO_MS, "4 blocking waits of " + IO_MS + " ms on one loop took only " + tookMs + " ms");
    BlockedEpisode episode = episodes.poll(10, TimeUnit.SECONDS);
    assertEquals("/decisions", episode.route());
    assertTrue(episode.requestId().startsWith("loop-"), episode.requestId());
    List<String> frames = episode.projectFrames();
    assertTrue(frames.stream().anyMatch(f -> f.startsWith("redis.clients.jedis.")), "no Jedis frame in " + frames);
    assertTrue(frames.stream().anyMatch(f -> f.startsWith("dev.looplab.lessons.decisions.BlockingCalls.readCache(")),
        "no project line in " + frames);
  }

  @Test
  void aSlowBackgroundInsertOnTheLoopIsAttributedToThePostgresDriver() throws InterruptedException {
    start(4);
    HttpResponse<Buffer> answer = lab.postNow("/decisions?client=loop&write_ms=" + IO_MS, DecisionsServer.body(Math.random()), "pg-write-1");
    assertEquals(200, answer.statusCode());

    BlockedEpisode episode = episodes.poll(10, TimeUnit.SECONDS);
    assertEquals("pg-write-1", episode.requestId());
    assertTrue(episode.projectFrames().stream().anyMatch(f -> f.startsWith("org.postgresql.")), "no driver frame in " + episode.projectFrames());
    assertTrue(episode.projectFrames().stream().anyMatch(f -> f.startsWith("dev.looplab.lessons.decisions.BlockingCalls.insertRow(")),
        "no project line in " + episode.projectFrames());
  }

  @Test
  void fourReactiveDecisionsWithFourConnectionsWaitTogetherAndNeverBlockTheLoop() {
    start(4);
    long tookMs = timed(4, "/decisions?client=reactive&io_ms=" + IO_MS, "reactive-");

    assertTrue(tookMs >= IO_MS && tookMs < 2 * IO_MS, "4 waits of " + IO_MS + " ms with 4 connections took " + tookMs + " ms");
    assertTrue(episodes.stream().noneMatch(e -> e.route().equals("/decisions")), "blocked: " + episodes);
  }

  @Test
  void fourWorkerDecisionsWithTwoConnectionsTakeTwoRoundsAndNeverBlockTheLoop() {
    start(2);
    long tookMs = timed(4, "/decisions?client=worker&io_ms=" + IO_MS, "worker-");

    assertTrue(tookMs >= 2 * IO_MS, "4 waits of " + IO_MS + " ms on 2 connections took only " + tookMs + " ms");
    assertTrue(episodes.stream().noneMatch(e -> e.route().equals("/decisions")), "blocked: " + episodes);
  }

  private long timed(int k, String uri, String requestIdPrefix) {
    long start = System.nanoTime();
    List<HttpResponse<Buffer>> answers = lab.concurrently(k, uri, requestIdPrefix).await();
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    answers.forEach(answer -> assertEquals(200, answer.statusCode(), answer.bodyAsString()));
    return tookMs;
  }
}
