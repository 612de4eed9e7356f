package dev.looplab.lessons.lecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Work after the response: on the loop it stalls the next request, on a worker or the queue it does not. */
@ExtendWith(VertxExtension.class)
class BackgroundRunTest {
  private static final int JOB_MS = 400;
  private LectureServer lab;

  @BeforeEach
  void start(Vertx vertx) {
    lab = new LectureServer(vertx, JOB_MS);
    lab.get("/say-hi"); // a warm connection, so the timings below measure the server, not the handshake
  }

  @AfterEach
  void stop() {
    lab.stop();
  }

  @Test
  void jobOnTheLoopDelaysTheNextRequestByAboutTheJobTime() {
    // timed from before the first request: the job starts after the server has it, so the next answer
    // cannot come before JOB_MS from here, however late this thread runs after the first answer
    long sent = System.nanoTime();
    JsonObject answer = lab.get("/background-run?where=loop");
    lab.get("/say-hi");
    long waited = LectureServer.msSince(sent);

    assertTrue(answer.getDouble("duration_ms") < JOB_MS / 2.0, "the answer went out before the job: " + answer);
    assertTrue(waited >= JOB_MS, "the next request should wait for the job on its loop, both took " + waited + " ms");
  }

  @Test
  void jobOnAWorkerLeavesTheLoopFree() {
    assertNextRequestNotDelayed("worker");
  }

  @Test
  void jobOnTheQueueLeavesTheLoopFree() {
    assertNextRequestNotDelayed("queue");
  }

  private void assertNextRequestNotDelayed(String where) {
    // by the server's clock: the next request began before the job could have ended. A job holding the
    // loop lets it begin only JOB_MS after the job began, itself after the first request, in every
    // attempt; a job off the loop lets it begin at once, unless this thread was itself held up for
    // JOB_MS between the two requests (a loaded machine), so it gets up to three attempts
    long apartMs = Long.MAX_VALUE;
    for (int attempt = 0; attempt < 3 && apartMs >= JOB_MS; attempt++) {
      JsonObject answer = lab.get("/background-run?where=" + where);
      JsonObject next = lab.get("/say-hi");
      assertEquals(where, answer.getString("where"));
      apartMs = Math.min(apartMs, Duration.between(startedAt(answer), startedAt(next)).toMillis());
      assertEquals(0L, lab.jobs().whenIdle(lab.server.vertx(), 5_000).await(), "the job should finish");
    }
    assertTrue(apartMs < JOB_MS, "a job on the " + where + " must not hold up the loop, the next request began "
        + apartMs + " ms after it at the soonest, in 3 attempts");
  }

  @Test
  void everyAcceptedJobIsCompletedByTheGracefulShutdown() {
    // the loop's jobs run one after another and hold the loop, so they are short; the others are long
    // enough to be still running when the shutdown starts, however late this thread gets there
    lab.getConcurrently("/background-run?ms=200&where=loop", 3);
    for (String where : new String[] {"worker", "queue"}) {
      lab.getConcurrently("/background-run?ms=1000&where=" + where, 3);
    }
    BackgroundJobs jobs = lab.jobs();
    assertTrue(jobs.pending() > 0, "the shutdown should find jobs still running: " + jobs.toJson());

    lab.stop();

    assertEquals(9, jobs.accepted(), jobs.toJson().encode());
    assertEquals(jobs.accepted(), jobs.completed(), jobs.toJson().encode());
    assertEquals(0, jobs.pending());
  }

  @Test
  void jobsNotDoneWithinTheGracePeriodAreReported() {
    lab.get("/background-run?ms=1000&where=worker");
    lab.get("/background-run?ms=1000&where=queue");

    long notDone = Lecture.finishJobs(lab.server.vertx(), 100).await();

    assertEquals(2, notDone);
  }

  @Test
  void jobsRouteCountsByWhere() {
    lab.get("/background-run?ms=100&where=worker");
    lab.jobs().whenIdle(lab.server.vertx(), 5_000).await();

    JsonObject jobs = lab.get("/jobs");

    assertEquals(1, jobs.getLong("jobs_accepted"));
    assertEquals(1, jobs.getLong("jobs_completed"));
    assertEquals(0, jobs.getLong("jobs_pending"));
    assertEquals(1, jobs.getJsonObject("by_where").getJsonObject("worker").getLong("completed"));
  }

  private static Instant startedAt(JsonObject answer) {
    return Instant.parse(answer.getString("started_at"));
  }

  @Test
  void unknownWhereIsABadRequest() {
    int status = lab.client.get("/background-run?where=cloud").send().await().statusCode();
    assertEquals(400, status);
  }
}
