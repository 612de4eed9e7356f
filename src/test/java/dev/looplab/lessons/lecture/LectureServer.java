package dev.looplab.lessons.lecture;

import dev.looplab.cli.Lessons;
import dev.looplab.server.LabServer;
import dev.looplab.server.ServerConfig;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpResponseExpectation;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A lab server on its own Vertx (so a blocked server loop can never be the client's loop), one event
 * loop, port 0, and a client on the test's Vertx. Calls are made from the test thread and awaited.
 */
final class LectureServer {
  final LabServer server;
  final WebClient client;
  private boolean stopped;

  LectureServer(Vertx clientVertx, int taskMs) {
    ServerConfig config = ServerConfig.defaults().withPort(0).withTaskMs(taskMs).withShutdownGraceMs(5_000);
    server = new LabServer(config, Lessons.all());
    int port = server.start().await();
    client = WebClient.create(clientVertx,
        new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
        new PoolOptions().setHttp1MaxSize(64));
  }

  BackgroundJobs jobs() {
    return Lecture.of(server.vertx()).jobs();
  }

  JsonObject get(String uri) {
    return get(uri, null);
  }

  JsonObject get(String uri, String requestId) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (requestId != null) {
      headers.add("X-Request-Id", requestId);
    }
    return client.get(uri).putHeaders(headers).send().expecting(HttpResponseExpectation.SC_OK).await().bodyAsJsonObject();
  }

  /** Sends {@code count} requests at once and waits for all; returns the answers. */
  List<JsonObject> getConcurrently(String uri, int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> client.get(uri).send().expecting(HttpResponseExpectation.SC_OK).map(r -> r.bodyAsJsonObject()))
        .toList()
        .stream()
        .map(future -> future.await())
        .toList();
  }

  /** Milliseconds since {@code startNanos}. */
  static long msSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  void stop() {
    if (!stopped) {
      stopped = true;
      client.close();
      server.shutdown().await();
    }
  }
}
