package dev.looplab.lessons.decisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looplab.observe.BlockedEpisode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
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
    // the connections opened and the code compiled before anything is timed
    for (String client : new String[] {"loop", "worker", "reactive"}) {
      lab.concurrently(poolSize, "/decisions?client=" + client, "warm-up-").await();
    }
    // the warm-up may block the loop itself (the loop client opens its connections there, and its
    // background writes run there after the answers): those episodes are published before anyone
    // listens, not a check interval later into a test's window. The writes end, then a reading
    // publishes every episode known
    assertEquals(0L, lab.lesson.ledger().whenIdle(lab.server.vertx(), 10_000).await(), "warm-up writes still pending");
    assertEquals(200, lab.get("/loops").statusCode());
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

    // the request can hold the loop more than once: on a starved machine its model's 20 ms of CPU on
    // the loop may pass the 100 ms limit too, before the insert. The insert's episode is the one judged
    BlockedEpisode episode = awaitEpisode(e -> "pg-write-1".equals(e.requestId())
        && e.projectFrames().stream().anyMatch(f -> f.startsWith("dev.looplab.lessons.decisions.BlockingCalls.insertRow(")));
    assertTrue(episode.projectFrames().stream().anyMatch(f -> f.startsWith("org.postgresql.")), "no driver frame in " + episode.projectFrames());
  }

  @Test
  void fourReactiveDecisionsWithFourConnectionsWaitTogetherAndNeverBlockTheLoop() {
    start(4);
    long start = System.nanoTime();
    // model_ms=0: the model's CPU has no reactive form and runs on the loop, one request after another
    // (20 ms each when idle, 160 ms each seen on a starved machine); here only the waits are judged
    List<HttpResponse<Buffer>> answers = lab.concurrently(4, "/decisions?client=reactive&model_ms=0&io_ms=" + IO_MS, "reactive-").await();
    long tookMs = (System.nanoTime() - start) / 1_000_000;

    answers.forEach(answer -> assertEquals(200, answer.statusCode(), answer.bodyAsString()));
    // one round, not several: by the server's own clock the four answers ended within less than one io_ms
    // (waits taken in turns would end io_ms apart), however late the loaded machine delivered them
    List<Instant> ends = answers.stream().map(DecisionsBlockingTest::endedAt).sorted().toList();
    long spreadMs = Duration.between(ends.get(0), ends.get(3)).toMillis();
    assertTrue(spreadMs < IO_MS, "the four answers ended " + spreadMs + " ms apart: " + ends);
    // on a quiet machine about 1 x io_ms; the bound is generous because the machine is shared
    assertTrue(tookMs >= IO_MS && tookMs < 4 * IO_MS, "4 waits of " + IO_MS + " ms with 4 connections took " + tookMs + " ms");
    assertTrue(episodes.stream().noneMatch(e -> e.route().equals("/decisions")), "blocked: " + episodes);
  }

  @Test
  void fourWorkerDecisionsWithTwoConnectionsTakeTwoRoundsAndNeverBlockTheLoop() {
    start(2);
    long tookMs = timed(4, "/decisions?client=worker&io_ms=" + IO_MS, "worker-");

    assertTrue(tookMs >= 2 * IO_MS, "4 waits of " + IO_MS + " ms on 2 connections took only " + tookMs + " ms");
    assertTrue(episodes.stream().noneMatch(e -> e.route().equals("/decisions")), "blocked: " + episodes);
  }

  /** The first episode published that matches, waiting up to 10 s for it; fails naming those seen instead. */
  private BlockedEpisode awaitEpisode(Predicate<BlockedEpisode> wanted) throws InterruptedException {
    List<BlockedEpisode> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
      BlockedEpisode episode = episodes.poll(left, TimeUnit.NANOSECONDS);
      if (episode != null && wanted.test(episode)) {
        return episode;
      }
      if (episode != null) {
        seen.add(episode);
      }
    }
    throw new AssertionError("no such blocked episode in 10 s; seen: " + seen);
  }

  private static Instant endedAt(HttpResponse<Buffer> answer) {
    JsonObject body = answer.bodyAsJsonObject();
    return Instant.parse(body.getString("started_at")).plusNanos(Math.round(body.getDouble("duration_ms") * 1_000_000));
  }

  private long timed(int k, String uri, String requestIdPrefix) {
    long start = System.nanoTime();
    List<HttpResponse<Buffer>> answers = lab.concurrently(k, uri, requestIdPrefix).await();
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    answers.forEach(answer -> assertEquals(200, answer.statusCode(), answer.bodyAsString()));
    return tookMs;
  }
}
