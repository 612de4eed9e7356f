package dev.looplab.lessons.decisions;

import dev.looplab.server.LabServer;
import dev.looplab.server.ServerConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * A real lab server with the decisions lesson on port 0, and a client on a Vertx of its own, so that
 * a blocked server loop cannot stall the client too.
 */
final class DecisionsServer implements AutoCloseable {
  final DecisionsLesson lesson;
  final LabServer server;
  final Vertx clientVertx = Vertx.vertx();
  final WebClient client;
  private boolean shutDown;

  DecisionsServer(DecisionsSettings settings, ServerConfig config) {
    lesson = new DecisionsLesson(settings);
    server = new LabServer(config, List.of(lesson));
    int port = server.start().await();
    client = WebClient.create(clientVertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
        new PoolOptions().setHttp1MaxSize(64));
  }

  /** Vert.x checks every 20 ms and reports a loop busy for over 100 ms; no start-up grace. */
  static ServerConfig config() {
    return ServerConfig.defaults().withPort(0).withBlockedThreadChecks(20, 100, 10_000).withStartupGraceMs(0)
        .withShutdownGraceMs(10_000);
  }

  static JsonObject body(double... features) {
    JsonArray array = new JsonArray();
    for (double feature : features) {
      array.add(feature);
    }
    return new JsonObject().put("features", array);
  }

  Future<HttpResponse<Buffer>> post(String uri, Object body, String requestId) {
    HttpRequest<Buffer> request = client.post(uri).putHeader("X-Request-Id", requestId);
    return body instanceof JsonObject json ? request.sendJsonObject(json) : request.sendBuffer(Buffer.buffer(String.valueOf(body)));
  }

  HttpResponse<Buffer> postNow(String uri, Object body, String requestId) {
    return post(uri, body, requestId).await();
  }

  HttpResponse<Buffer> get(String uri) {
    return client.get(uri).send().await();
  }

  /** Sends k decisions at once, each with features of its own; completes with the responses in sending order. */
  Future<List<HttpResponse<Buffer>>> concurrently(int k, String uri, String requestIdPrefix) {
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      calls.add(post(uri, body(i, Math.random()), requestIdPrefix + i));
    }
    return Future.all(calls).map(all -> all.list());
  }

  /** The server's own shutdown, as on SIGTERM: drain HTTP, drain the lessons, stop them, close Vert.x. */
  int shutdown() {
    shutDown = true;
    return server.shutdown().await();
  }

  @Override
  public void close() {
    client.close();
    clientVertx.close().await();
    if (!shutDown) {
      shutdown();
    }
  }
}
