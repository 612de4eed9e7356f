package dev.looplab.server;

import dev.looplab.cli.Lessons;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;

/** A lab server on a free port with its own Vertx (so blocked-thread limits apply), plus a client. */
final class TestServer implements AutoCloseable {
  final LabServer server;
  final WebClient client;

  private TestServer(LabServer server, WebClient client) {
    this.server = server;
    this.client = client;
  }

  /** Small task times and a blocked-thread checker quick enough to see 100-300 ms blocks. */
  static ServerConfig config(int taskMs) {
    return ServerConfig.defaults().withPort(0).withTaskMs(taskMs).withBlockedThreadChecks(20, 100, 100);
  }

  static TestServer start(ServerConfig config) {
    LabServer server = new LabServer(config, Lessons.all(), Vertx.vertx(LabServer.vertxOptions(config)));
    int port = server.start().await();
    WebClient client = WebClient.create(server.vertx(),
        new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
        new PoolOptions().setHttp1MaxSize(64));
    return new TestServer(server, client);
  }

  Vertx vertx() {
    return server.vertx();
  }

  HttpResponse<io.vertx.core.buffer.Buffer> get(String uri) {
    return client.get(uri).send().await();
  }

  /** Sends k requests at once; completes with their JSON bodies in sending order. */
  Future<List<JsonObject>> concurrently(int k, String uri) {
    List<Future<JsonObject>> calls = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      calls.add(client.get(uri).send().map(r -> r.bodyAsJsonObject()));
    }
    return Future.all(calls).map(all -> all.<JsonObject>list());
  }

  @Override
  public void close() {
    client.close();
    server.vertx().close().await();
  }
}
