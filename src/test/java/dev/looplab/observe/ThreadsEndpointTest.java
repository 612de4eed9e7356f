package dev.looplab.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ThreadsEndpointTest {
  private static final Set<String> STATES = Set.of("NEW", "RUNNABLE", "BLOCKED", "WAITING", "TIMED_WAITING", "TERMINATED");

  @Test
  void listsEventLoopsAndAWorkerSleepingInAStandardRun() {
    try (ObservedServer lab = new ObservedServer(ObservedServer.config())) {
      Future<HttpResponse<Buffer>> running = lab.client.request(HttpMethod.GET, "/standard-run?ms=700")
          .putHeader("X-Request-Id", "threads-std").send();
      JsonObject worker = poll(lab, t -> "threads-std".equals(t.getString("request_id")) && t.getLong("running_ms") >= 100);

      assertEquals("worker", worker.getString("kind"));
      assertTrue(worker.getString("name").startsWith("vert.x-worker-thread-"));
      assertEquals("TIMED_WAITING", worker.getString("state"), "a worker in Thread.sleep");
      assertEquals("/standard-run", worker.getString("route"));

      // this very request is taken on a worker, which is on the CPU; no loop is held by it. A view can
      // catch the loop still handing the request over (on a loaded machine the loop thread may be off
      // the CPU right then), so look until a view shows the loop free: were a loop held, none would.
      List<JsonObject> all = pollView(lab, view -> view.stream().noneMatch(t -> "/threads".equals(t.getString("route"))
          && "event-loop".equals(t.getString("kind"))));
      List<JsonObject> loops = all.stream().filter(t -> "event-loop".equals(t.getString("kind"))).toList();
      assertFalse(loops.isEmpty());
      assertTrue(all.stream().anyMatch(t -> "/threads".equals(t.getString("route")) && "worker".equals(t.getString("kind"))
          && "RUNNABLE".equals(t.getString("state"))), all.toString());
      assertTrue(all.stream().allMatch(t -> STATES.contains(t.getString("state")) && t.getString("name") != null));
      assertTrue(all.stream().anyMatch(t -> t.getString("name").equals("main") || t.getString("kind").equals("jvm")));
      running.await();
    }
  }

  @Test
  void showsTheRouteABlockedEventLoopIsStuckIn() {
    // two loops: while one sleeps in /slow-run, the other answers /threads. Connections are dealt
    // to the loops in turn: the viewer's kept-alive connection comes first, the slow call's second.
    try (ObservedServer lab = new ObservedServer(ObservedServer.config().withInstances(2))) {
      lab.get("/threads");
      WebClient caller = WebClient.create(lab.clientVertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(lab.port));
      Future<HttpResponse<Buffer>> running = caller.request(HttpMethod.GET, "/slow-run?ms=700")
          .putHeader("X-Request-Id", "threads-slow").send();
      JsonObject loop = poll(lab, t -> "threads-slow".equals(t.getString("request_id")) && t.getLong("running_ms") >= 100);

      assertEquals("event-loop", loop.getString("kind"));
      assertEquals("/slow-run", loop.getString("route"));
      assertEquals("TIMED_WAITING", loop.getString("state"), "an event loop in Thread.sleep");
      running.await();
    }
  }

  @Test
  void theWorkerTakingTheDumpShowsItsOwnRequest() {
    try (ObservedServer lab = new ObservedServer(ObservedServer.config())) {
      HttpResponse<Buffer> response = lab.client.request(HttpMethod.GET, "/threads")
          .putHeader("X-Request-Id", "threads-self").send().await();
      // the loop that took the request can still be in it, handing it over, when the dump is taken
      // (see above): the thread judged is the worker running /threads, and there must be one
      JsonObject self = threads(response).stream()
          .filter(t -> "/threads".equals(t.getString("route")) && "worker".equals(t.getString("kind")))
          .findFirst().orElseThrow(() -> new AssertionError("no worker running /threads: " + response.bodyAsString()));

      assertEquals("threads-self", self.getString("request_id"), "the request's id follows it to the worker");
    }
  }

  /** Asks /threads every 20 ms, for up to 10 s, until a thread matches; returns that thread. */
  private static JsonObject poll(ObservedServer lab, Predicate<JsonObject> wanted) {
    return pollView(lab, view -> view.stream().anyMatch(wanted)).stream().filter(wanted).findFirst().orElseThrow();
  }

  /** Asks /threads every 20 ms, for up to 10 s, until a whole view matches; returns that view. */
  private static List<JsonObject> pollView(ObservedServer lab, Predicate<List<JsonObject>> wanted) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    List<JsonObject> view = threads(lab.get("/threads"));
    while (!wanted.test(view) && System.nanoTime() < deadline) {
      lab.clientVertx.timer(20).await();
      view = threads(lab.get("/threads"));
    }
    assertTrue(wanted.test(view), "no matching /threads view in 10 s; the last: " + view);
    return view;
  }

  private static List<JsonObject> threads(HttpResponse<Buffer> response) {
    assertEquals(200, response.statusCode());
    JsonArray threads = response.bodyAsJsonObject().getJsonArray("threads");
    return threads.stream().map(JsonObject.class::cast).collect(Collectors.toList());
  }
}
