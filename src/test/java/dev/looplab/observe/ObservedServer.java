package dev.looplab.observe;

import dev.looplab.cli.Lessons;
import dev.looplab.driver.LoopReadingsClient;
import dev.looplab.model.LoopReadings;
import dev.looplab.server.LabServer;
import dev.looplab.server.ServerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;

/** A real lab server on port 0 with short blocked-thread limits, and a client for it. */
final class ObservedServer implements AutoCloseable {
  /** Vert.x checks every 20 ms and reports a loop busy for over 100 ms; no start-up grace. */
  static ServerConfig config() {
    return ServerConfig.defaults().withPort(0).withTaskMs(200)
        .withBlockedThreadChecks(20, 100, 10_000).withStartupGraceMs(0);
  }

  final LabServer server;
  /** The client has a Vertx of its own, so a server blocking its loop cannot stall the client too. */
  final Vertx clientVertx = Vertx.vertx();
  final WebClient client;
  final int port;

  ObservedServer(ServerConfig config) {
    server = new LabServer(config, Lessons.all());
    port = server.start().await();
    client = WebClient.create(clientVertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
        new PoolOptions().setHttp1MaxSize(20));
  }

  HttpResponse<Buffer> get(String uri) {
    return client.request(HttpMethod.GET, uri).send().await();
  }

  HttpResponse<Buffer> get(String uri, String requestId) {
    return client.request(HttpMethod.GET, uri).putHeader("X-Request-Id", requestId).send().await();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port);
  }

  LoopReadings readings() {
    return LoopReadingsClient.read(client, baseUrl()).await();
  }

  Observatory observatory() {
    return server.observatory();
  }

  @Override
  public void close() {
    client.close();
    clientVertx.close().await();
    server.shutdown().await();
  }
}
