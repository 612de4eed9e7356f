package dev.looplab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ErrorRepliesTest {
  private WebClient client;

  @Test
  void aHandlerThatThrowsIsAJson500WithoutTheStackTrace(Vertx vertx) {
    Router router = Router.router(vertx);
    router.route().handler(new EveryRequest(new InFlightRequests(), 0));
    router.get("/boom").handler(rc -> {
      throw new IllegalStateException("secret internals");
    });
    ErrorReplies.install(router);
    int port = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await().actualPort();
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));

    HttpResponse<?> response = client.get("/boom").send().await();
    assertEquals(500, response.statusCode());
    JsonObject body = response.bodyAsJsonObject();
    assertEquals("internal_error", body.getString("error"));
    assertFalse(response.bodyAsString().contains("secret internals"));
    assertFalse(response.bodyAsString().contains("IllegalStateException"));
  }
}
