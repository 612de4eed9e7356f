package dev.looplab.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The push stream: its rate, one shared snapshot thread, and nothing left behind when pages go. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LiveStreamTest {
  private LiveServer lab;
  private Vertx clientVertx;
  private HttpClient http;

  @BeforeEach
  void start() {
    lab = new LiveServer();
    clientVertx = Vertx.vertx();
    http = clientVertx.createHttpClient(new PoolOptions().setHttp1MaxSize(10));
  }

  @AfterEach
  void stop() {
    http.close().await();
    clientVertx.close().await();
    lab.close();
  }

  @Test
  void pushesAHistoryThenSnapshotsFourTimesASecond() throws Exception {
    List<JsonObject> snapshots = new CopyOnWriteArrayList<>();
    List<String> events = new CopyOnWriteArrayList<>();
    Promise<Void> enough = Promise.promise();
    SseReader reader = new SseReader((name, data) -> {
      events.add(name);
      if (name.equals("snapshot")) {
        snapshots.add(new JsonObject(data));
        if (snapshots.size() == 13) {
          enough.tryComplete();
        }
      }
    });
    HttpClientResponse response = openStream(reader::accept);
    assertEquals("text/event-stream; charset=utf-8", response.getHeader("content-type"));
    enough.future().await(10, TimeUnit.SECONDS);
    response.request().connection().close();

    assertEquals("history", events.get(0), "a page first gets the last minute");
    long spanMs = snapshots.get(12).getLong("t") - snapshots.get(0).getLong("t");
    double perSecond = 12 * 1000.0 / spanMs;
    assertTrue(perSecond > 2.5 && perSecond < 6, "promised 4 snapshots a second, got " + perSecond);
    JsonObject last = snapshots.get(12);
    assertEquals(1, last.getJsonArray("loops").size(), last.encodePrettily());
    assertTrue(last.getJsonObject("lag").containsKey(last.getJsonArray("loops").getJsonObject(0).getString("thread")));
    assertEquals(1, last.getInteger("pages"));
  }

  @Test
  void aHundredPagesOpenedAndClosedLeaveNoStreamRequestOrThreadBehind() throws Exception {
    long snapshotThreads = liveThreads("looplab-live-snapshot");
    for (int i = 0; i < 100; i++) {
      Promise<Void> firstEvent = Promise.promise();
      HttpClientResponse response = openStream(new SseReader((name, data) -> firstEvent.tryComplete())::accept);
      firstEvent.future().await(5, TimeUnit.SECONDS);
      response.request().connection().close().await();
    }
    LiveLesson lesson = lesson();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while ((lesson.pagesOpen() > 0 || lab.server.inFlight().current() > 0) && System.nanoTime() < deadline) {
      clientVertx.timer(20).await();
    }
    assertEquals(0, lesson.pagesOpen(), "streams still held after their pages closed");
    assertEquals(0, lab.server.inFlight().current(), "requests still in flight");
    assertEquals(snapshotThreads, liveThreads("looplab-live-snapshot"), "one snapshot thread whatever the pages");
    assertEquals(1, snapshotThreads, "one snapshot thread per server, and only this server runs");
  }

  @Test
  void anOpenPageDoesNotHoldUpShutdown() throws Exception {
    LiveServer patient = new LiveServer(LiveServer.config().withShutdownGraceMs(10_000));
    Promise<Void> firstEvent = Promise.promise();
    Future<HttpClientResponse> open = http.request(HttpMethod.GET, patient.port, "127.0.0.1", "/live/stream")
        .compose(request -> request.send())
        .onSuccess(response -> {
          SseReader reader = new SseReader((name, data) -> firstEvent.tryComplete());
          response.handler(chunk -> reader.accept(chunk.toString()));
        });
    open.await(5, TimeUnit.SECONDS);
    firstEvent.future().await(5, TimeUnit.SECONDS);
    long start = System.nanoTime();
    int cutOff = patient.server.shutdown().await(9, TimeUnit.SECONDS);
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertEquals(0, cutOff, "the stream ends when the server shuts down, it is not cut off");
    assertTrue(tookMs < 5_000, "shutdown waited " + tookMs + " ms of its 10 s grace for an open page");
  }

  private LiveLesson lesson() {
    return lab.lesson;
  }

  private static long liveThreads(String name) {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive()).count();
  }

  private HttpClientResponse openStream(java.util.function.Consumer<String> onChunk) throws Exception {
    Future<HttpClientResponse> opened = http.request(HttpMethod.GET, lab.port, "127.0.0.1", "/live/stream")
        .compose(request -> request.send())
        .onSuccess(response -> response.handler(buffer -> onChunk.accept(buffer.toString())));
    return opened.await(5, TimeUnit.SECONDS);
  }
}
