package dev.looplab.lessons.decisions;

import dev.looplab.server.BadRequestException;
import dev.looplab.server.LabServer;
import dev.looplab.server.LessonContext;
import dev.looplab.server.ServerConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** The decisions lesson served on port 0, with a client on a Vertx of its own (a blocked server loop cannot stall it). */
final class DecisionsServer implements AutoCloseable {
  final DecisionsLesson lesson;
  final Vertx vertx;
  private final HttpServer http;
  final Vertx clientVertx = Vertx.vertx();
  final WebClient client;

  DecisionsServer(DecisionsSettings settings, ServerConfig config) {
    lesson = new DecisionsLesson(settings);
    vertx = Vertx.vertx(LabServer.vertxOptions(config));
    LessonContext context = new LessonContext() {
      @Override
      public Vertx vertx() {
        return vertx;
      }

      @Override
      public ServerConfig config() {
        return config;
      }

      @Override
      public <T> Callable<T> onWorker(String route, String requestId, Callable<T> task) {
        return task;
      }
    };
    lesson.start(context).await();
    Router router = Router.router(vertx);
    lesson.mount(router, context);
    router.route().failureHandler(rc -> rc.response().setStatusCode(rc.failure() instanceof BadRequestException ? 400 : 500)
        .end(new JsonObject().put("error", "x").put("detail", String.valueOf(rc.failure().getMessage())).encode()));
    http = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    client = WebClient.create(clientVertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(http.actualPort()),
        new PoolOptions().setHttp1MaxSize(64));
  }

  static ServerConfig config() {
    return ServerConfig.defaults().withPort(0).withBlockedThreadChecks(20, 100, 10_000).withStartupGraceMs(0);
  }

  static JsonObject body(double... features) {
    JsonObject body = new JsonObject();
    io.vertx.core.json.JsonArray array = new io.vertx.core.json.JsonArray();
    for (double feature : features) {
      array.add(feature);
    }
    return body.put("features", array);
  }

  Future<HttpResponse<Buffer>> post(String uri, Object body, String requestId) {
    var request = client.post(uri).putHeader("X-Request-Id", requestId);
    return body instanceof JsonObject json ? request.sendJsonObject(json) : request.sendBuffer(Buffer.buffer(String.valueOf(body)));
  }

  HttpResponse<Buffer> postNow(String uri, Object body, String requestId) {
    return post(uri, body, requestId).await();
  }

  /** Sends k decisions at once; completes with their responses in sending order. */
  Future<List<HttpResponse<Buffer>>> concurrently(int k, String uri, String requestIdPrefix) {
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      calls.add(post(uri, body(i, k, System.nanoTime() % 1000), requestIdPrefix + i));
    }
    return Future.all(calls).map(all -> all.list());
  }

  /** Stops the HTTP server, drains the lesson's background writes, closes everything; the writes not done. */
  long shutdown(long graceMs) {
    http.close().await();
    long left = lesson.drain(graceMs).await();
    lesson.stop().await();
    return left;
  }

  @Override
  public void close() {
    client.close();
    clientVertx.close().await();
    vertx.close().await();
  }
}
