package dev.looplab.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** POST /live/experiments: out-of-range values are a 400 that says which; a second run while one goes is a 409. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LiveExperimentEndpointTest {
  private LiveServer lab;
  private Vertx clientVertx;
  private WebClient client;

  @BeforeEach
  void start() {
    lab = new LiveServer();
    clientVertx = Vertx.vertx();
    client = WebClient.create(clientVertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(lab.port),
        new PoolOptions().setHttp1MaxSize(10));
  }

  @AfterEach
  void stop() {
    client.close();
    clientVertx.close().await();
    lab.close();
  }

  @Test
  void outOfRangeValuesAreRefusedWith400NamingEachOne() {
    HttpResponse<Buffer> answer = post(new JsonObject().put("route", "sleep-run").put("calls", 101)
        .put("mode", "both").put("task_ms", -1));
    assertEquals(400, answer.statusCode());
    assertTrue(answer.getHeader("content-type").startsWith("application/json"));
    JsonObject body = answer.bodyAsJsonObject();
    assertEquals("bad_parameter", body.getString("error"));
    String detail = body.getString("detail");
    for (String part : List.of("route must be one of slow-run, fast-run, standard-run, say-hi, got 'sleep-run'",
        "mode must be sync or async, got 'both'", "calls must be a whole number from 1 to 100, got '101'",
        "task_ms must be a whole number from 0 to 5000, got '-1'")) {
      assertTrue(detail.contains(part), detail);
    }
    assertEquals(400, post(new JsonObject().put("route", "slow-run").put("calls", 20).put("mode", "sync").put("task_ms", 5000))
        .statusCode(), "20 x 5000 ms is more than a minute of work");
    assertEquals(400, client.post("/live/experiments").sendBuffer(Buffer.buffer("calls=4")).await().statusCode());
    assertEquals(400, client.post("/live/experiments").send().await().statusCode());
  }

  @Test
  void aRunStartedWhileOneGoesIsRefusedWith409AndRunsOnce() {
    // the run (3 s) outlasts the eight tries (about 50 ms on a loaded 2-core machine) many times over:
    // a try answered after the run had ended would rightly start a second one
    JsonObject form = new JsonObject().put("route", "fast-run").put("calls", 3).put("mode", "sync").put("task_ms", 1000);
    List<Future<HttpResponse<Buffer>>> tries = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      tries.add(client.post("/live/experiments").sendJsonObject(form));
    }
    List<Integer> statuses = Future.all(tries).await().<HttpResponse<Buffer>>list().stream()
        .map(HttpResponse::statusCode).sorted().toList();
    assertEquals(List.of(202, 409, 409, 409, 409, 409, 409, 409), statuses);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (lab.lesson.experimentRunning() && System.nanoTime() < deadline) {
      clientVertx.timer(20).await();
    }
    JsonObject done = client.get("/live/experiments").send().await().bodyAsJsonObject().getJsonObject("latest");
    assertEquals("done", done.getString("state"), done.encodePrettily());
    assertEquals(1, done.getInteger("id"), "only one run was started");
    assertEquals(3, done.getJsonArray("bars").size(), "each call made once");
    assertTrue(done.getDouble("measured_ms") >= 3 * 1000, "sync: one call after another");
    assertEquals(3000.0, done.getDouble("predicted_ms"));
    assertEquals(202, post(form.copy().put("calls", 1).put("task_ms", 200)).statusCode(), "once the run has ended, the next one may start");
  }

  private HttpResponse<Buffer> post(JsonObject form) {
    return client.post("/live/experiments").sendJsonObject(form).await();
  }
}
