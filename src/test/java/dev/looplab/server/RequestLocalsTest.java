package dev.looplab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The request's id and its route's run live on the request's own Vert.x context, so the routing
 * context's data map, a HashMap made on its first use, is never made for them.
 */
@ExtendWith(VertxExtension.class)
class RequestLocalsTest {

  @Test
  void aRouteRunLeavesTheRoutingContextsDataUntouched(Vertx vertx) {
    Router router = Router.router(vertx);
    router.route().handler(new EveryRequest(new InFlightRequests(), 0));
    router.get("/run").handler(rc -> {
      RouteRun run = RouteRun.begin("run", 0);
      rc.json(new JsonObject()
          .put("data_keys", rc.data().size())
          .put("same_run", RouteRun.current() == run)
          .put("id", RequestId.current())
          .put("answer_id", run.finish().getString("request_id")));
    });
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    JsonObject answer = WebClient.create(vertx).get(server.actualPort(), "127.0.0.1", "/run")
        .putHeader(EveryRequest.HEADER, "locals-1").send().await().bodyAsJsonObject();

    assertEquals(new JsonObject().put("data_keys", 0).put("same_run", true).put("id", "locals-1")
        .put("answer_id", "locals-1"), answer);
  }
}
