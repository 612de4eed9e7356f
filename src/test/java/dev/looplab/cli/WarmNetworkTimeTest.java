package dev.looplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.looplab.Main;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The model's network time per call is measured after the warm-up, on a warm client: a cold one's
 * round trips are several times longer, which made the suite's say-hi steps DISAGREE on a quiet
 * machine. Seen from the server: the last /health pings before the first call follow the warm-up.
 */
class WarmNetworkTimeTest {
  private static final int WARM_UP = 7;
  private final Vertx vertx = Vertx.vertx();
  private final List<String> served = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  /** A stand-in for the lab that notes every path it is asked for, in order. */
  private String recordingServer() {
    JsonObject info = new JsonObject().put("app_instance_id", "stand-in").put("instances", 1).put("task_ms", 100)
        .put("worker_pool_size", 20);
    int port = vertx.createHttpServer().requestHandler(request -> {
      served.add(request.path());
      request.response().putHeader("content-type", "application/json")
          .end((request.path().equals("/info") ? info : new JsonObject()).encode());
    }).listen(0, "127.0.0.1").await().actualPort();
    return "http://127.0.0.1:" + port;
  }

  @Test
  void theNetworkIsMeasuredAgainAfterTheWarmUp() {
    String base = recordingServer();
    int code = Main.execute("experiment", "--base-url", base, "--route", "say-hi", "--calls", "2", "--mode", "sync",
        "--warmup", String.valueOf(WARM_UP), "--format", "csv");
    assertEquals(0, code, served.toString());

    List<String> beforeTheRun = served.subList(0, served.indexOf("/say-hi"));
    int lastInfo = beforeTheRun.lastIndexOf("/info");
    List<String> warmUp = beforeTheRun.subList(0, lastInfo).stream().filter("/health"::equals).toList();
    List<String> measured = beforeTheRun.subList(lastInfo + 1, beforeTheRun.size()).stream()
        .filter("/health"::equals).toList();
    assertEquals(2, beforeTheRun.stream().filter("/info"::equals).count(), "probed once more after the warm-up: " + served);
    // the warm-up goes twice over its calls: all at once, then one after another (the sync path)
    assertEquals(3 + 2 * WARM_UP, warmUp.size(), "the first probe's pings and the warm-up: " + served);
    assertEquals(3, measured.size(), "the pings the model uses come last: " + served);
  }
}
