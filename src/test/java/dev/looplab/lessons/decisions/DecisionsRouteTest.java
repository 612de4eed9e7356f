package dev.looplab.lessons.decisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(RealDatabases.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DecisionsRouteTest {
  private static DecisionsServer lab;

  @BeforeAll
  static void start() {
    lab = new DecisionsServer(RealDatabases.settings(), DecisionsServer.config());
  }

  @AfterAll
  static void stop() {
    if (lab != null) {
      lab.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"loop", "worker", "reactive"})
  void eachClientStyleDecidesThenServesTheSameFeaturesFromTheCache(String client) {
    JsonObject body = DecisionsServer.body(Math.random(), 1.2, 5.0);   // features nobody asked for yet: a miss

    JsonObject first = lab.postNow("/decisions?client=" + client, body, "route-" + client + "-1").bodyAsJsonObject();
    // the cache is written in the background after the answer: the second asks once that write has ended
    assertEquals(0L, lab.lesson.ledger().whenIdle(lab.server.vertx(), 10_000).await(), "writes still pending after 10 s");
    JsonObject second = lab.postNow("/decisions?client=" + client, body, "route-" + client + "-2").bodyAsJsonObject();

    assertEquals("decisions", first.getString("route"), first.encode());
    assertEquals(client, first.getString("client"));
    assertEquals("miss", first.getString("cache"), first.encode());
    assertTrue(first.getJsonObject("steps_ms").containsKey("model"), first.encode());
    assertTrue(first.getString("decision").equals("approve") || first.getString("decision").equals("decline"));
    assertEquals("hit", second.getString("cache"), second.encode());
    assertEquals(first.getString("decision"), second.getString("decision"));
    assertEquals(first.getString("checksum"), second.getString("checksum"));
    assertTrue(!second.getJsonObject("steps_ms").containsKey("model"), second.encode());
  }

  @Test
  void theSameFeaturesGetTheSameDecisionWhicheverClientComputedIt() {
    JsonObject body = DecisionsServer.body(Math.random(), -3.0);
    JsonObject byLoop = lab.postNow("/decisions?client=loop", body, "same-1").bodyAsJsonObject();
    JsonObject byReactive = lab.postNow("/decisions?client=reactive", body, "same-2").bodyAsJsonObject();
    assertEquals(byLoop.getDouble("score"), byReactive.getDouble("score"));
  }

  @Test
  void ioMsIsSpentWaitingInsideRedis() {
    JsonObject answer = lab.postNow("/decisions?client=reactive&io_ms=150", DecisionsServer.body(Math.random()), "io-1").bodyAsJsonObject();
    double cacheRead = answer.getJsonObject("steps_ms").getDouble("cache_read");
    assertTrue(cacheRead >= 150 && cacheRead < 1500, answer.encode());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not json", "[1, 2]", "{}", "{\"features\": 3}", "{\"features\": []}",
      "{\"features\": [1, \"two\"]}", "{\"features\": [1, null]}"})
  void aBadBodyIsRefusedNamingTheField(String body) {
    HttpResponse<Buffer> response = lab.postNow("/decisions?client=reactive", body, "bad-body");
    assertEquals(400, response.statusCode(), body);
    String detail = response.bodyAsJsonObject().getString("detail");
    assertTrue(detail.contains(body.startsWith("{") ? "features" : "body"), detail);
  }

  @Test
  void moreThan64FeaturesAreRefused() {
    HttpResponse<Buffer> response = lab.postNow("/decisions", DecisionsServer.body(new double[65]), "too-many");
    assertEquals(400, response.statusCode());
    assertTrue(response.bodyAsJsonObject().getString("detail").contains("features must hold 1 to 64"));
  }

  @Test
  void anUnknownClientIsRefusedNamingTheParameter() {
    HttpResponse<Buffer> response = lab.postNow("/decisions?client=threads", DecisionsServer.body(1), "bad-client");
    assertEquals(400, response.statusCode());
    assertTrue(response.bodyAsJsonObject().getString("detail").startsWith("client must be one of loop, worker, reactive"));
  }

  @Test
  void aBadIoMsIsRefusedNamingTheParameter() {
    HttpResponse<Buffer> response = lab.postNow("/decisions?io_ms=-5", DecisionsServer.body(1), "bad-io");
    assertEquals(400, response.statusCode());
    assertTrue(response.bodyAsJsonObject().getString("detail").startsWith("io_ms must be"));
  }

  @Test
  void aGetIsRefusedSayingToPost() {
    HttpResponse<Buffer> response = lab.get("/decisions");
    assertEquals(405, response.statusCode());
    assertTrue(response.bodyAsJsonObject().getString("detail").contains("use POST"));
  }
}
