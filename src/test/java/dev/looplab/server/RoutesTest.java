package dev.looplab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoutesTest {
  private static final int TASK_MS = 100;
  private TestServer lab;

  @BeforeEach
  void start() {
    lab = TestServer.start(TestServer.config(TASK_MS));
  }

  @AfterEach
  void stop() {
    lab.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"say-hi", "fast-run", "slow-run", "standard-run"})
  void everyRouteReportsWhoDidTheWork(String route) {
    HttpResponse<Buffer> response = lab.get("/" + route);
    assertEquals(200, response.statusCode());
    assertTrue(response.getHeader("content-type").startsWith("application/json"));
    JsonObject body = response.bodyAsJsonObject();
    assertEquals(route, body.getString("route"));
    assertEquals(AppInstance.ID, body.getString("app_instance_id"));
    assertFalse(body.getString("request_id").isBlank());
    assertFalse(body.getString("thread").isBlank());
    assertTrue(body.getString("event_loop").startsWith("vert.x-eventloop-thread-"));
    assertNotNull(Instant.parse(body.getString("started_at")));
    assertTrue(body.getValue("duration_ms") instanceof Number);
    int expectedTask = route.equals("say-hi") ? 0 : TASK_MS;
    assertEquals(expectedTask, body.getInteger("task_ms"));
    assertTrue(body.getDouble("duration_ms") >= expectedTask, body::encode);
  }

  @Test
  void standardRunWorksOnAWorkerAndReportsItsQueueTime() {
    JsonObject body = lab.get("/standard-run").bodyAsJsonObject();
    assertTrue(body.getString("thread").startsWith("vert.x-worker-thread-"), body::encode);
    assertTrue(body.getDouble("queue_ms") >= 0, body::encode);
  }

  @Test
  void blockingAndTimerRoutesWorkOnTheEventLoop() {
    assertTrue(lab.get("/slow-run").bodyAsJsonObject().getString("thread").startsWith("vert.x-eventloop-thread-"));
    assertTrue(lab.get("/fast-run").bodyAsJsonObject().getString("thread").startsWith("vert.x-eventloop-thread-"));
  }

  @Test
  void msParameterOverridesTheTaskTime() {
    JsonObject body = lab.get("/fast-run?ms=7").bodyAsJsonObject();
    assertEquals(7, body.getInteger("task_ms"));
  }

  @Test
  void appInstanceIdIsTheSameAcrossRequestsAndRequestIdsDiffer() {
    JsonObject first = lab.get("/say-hi").bodyAsJsonObject();
    JsonObject second = lab.get("/say-hi").bodyAsJsonObject();
    assertEquals(first.getString("app_instance_id"), second.getString("app_instance_id"));
    assertNotEquals(first.getString("request_id"), second.getString("request_id"));
  }

  @Test
  void callerRequestIdIsUsedAndEchoed() {
    HttpResponse<Buffer> response = lab.client.get("/say-hi").putHeader("X-Request-Id", "trace-42").send().await();
    assertEquals("trace-42", response.getHeader("X-Request-Id"));
    assertEquals("trace-42", response.bodyAsJsonObject().getString("request_id"));
  }

  @Test
  void generatedRequestIdIsEchoed() {
    HttpResponse<Buffer> response = lab.get("/say-hi");
    assertEquals(response.bodyAsJsonObject().getString("request_id"), response.getHeader("X-Request-Id"));
  }

  @Test
  void infoDescribesTheRunningConfiguration() {
    JsonObject info = lab.get("/info").bodyAsJsonObject();
    assertEquals(AppInstance.ID, info.getString("app_instance_id"));
    assertEquals(TASK_MS, info.getInteger("task_ms"));
    assertEquals(1, info.getInteger("instances"));
    assertEquals(20, info.getInteger("worker_pool_size"));
    assertEquals(100, info.getInteger("max_event_loop_ms"));
    assertEquals(Runtime.version().toString(), info.getString("jdk"));
    assertTrue(info.getLong("uptime_ms") >= 0);
    assertEquals(0, info.getJsonObject("background_jobs").getInteger("jobs_pending"));
  }

  @Test
  void healthAnswersUp() {
    HttpResponse<Buffer> response = lab.get("/health");
    assertEquals(200, response.statusCode());
    assertEquals("UP", response.bodyAsJsonObject().getString("status"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "-1", "60001", "1.5", ""})
  void badMsIsA400ThatSaysWhatWasWrong(String ms) {
    HttpResponse<Buffer> response = lab.get("/fast-run?ms=" + ms);
    assertEquals(400, response.statusCode());
    JsonObject body = response.bodyAsJsonObject();
    assertEquals("bad_parameter", body.getString("error"));
    assertTrue(body.getString("detail").contains("'" + ms + "'"), body::encode);
  }

  @Test
  void unknownPathIsAJson404() {
    HttpResponse<Buffer> response = lab.get("/no-such-route");
    assertEquals(404, response.statusCode());
    assertEquals("not_found", response.bodyAsJsonObject().getString("error"));
    assertTrue(response.bodyAsJsonObject().getString("detail").contains("/no-such-route"));
  }

  @Test
  void wrongMethodIsAJson405() {
    HttpResponse<Buffer> response = lab.client.post("/slow-run").send().await();
    assertEquals(405, response.statusCode());
    assertEquals("method_not_allowed", response.bodyAsJsonObject().getString("error"));
  }
}
