package dev.looplab.driver;

import static dev.looplab.CommandRun.looplab;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looplab.CommandRun;
import dev.looplab.ServerProcess;
import dev.looplab.server.LabServer;
import dev.looplab.server.ServerConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The loop figures are one process's: read through a load balancer, before and after can come from
 * different processes. The driver must say so rather than invent or hide episodes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoopReadingsAcrossInstancesTest {
  private final Vertx proxyVertx = Vertx.vertx();
  private LabServer inThisJvm;
  private ServerProcess inAnotherJvm;

  private static LabServer lab() {
    LabServer server = new LabServer(ServerConfig.defaults().withPort(0).withTaskMs(150)
        .withBlockedThreadChecks(20, 100, 10_000).withStartupGraceMs(0), List.of());
    server.start().await();
    return server;
  }

  /** A least-effort load balancer: each request goes to the next backend in turn. */
  private int roundRobin(int... ports) {
    HttpClient upstream = proxyVertx.createHttpClient(new PoolOptions().setHttp1MaxSize(32));
    AtomicLong next = new AtomicLong();
    return proxyVertx.createHttpServer()
        .requestHandler(request -> forward(upstream, ports[(int) (next.getAndIncrement() % ports.length)], request))
        .listen(0, "127.0.0.1").await().actualPort();
  }

  private static void forward(HttpClient upstream, int port, HttpServerRequest request) {
    upstream.request(request.method(), port, "127.0.0.1", request.uri())
        .compose(outbound -> outbound.send())
        .compose(answer -> answer.body().map(body -> {
          request.response().setStatusCode(answer.statusCode()).headers().addAll(answer.headers());
          return body;
        }))
        .onSuccess(body -> request.response().end(body))
        .onFailure(failure -> request.response().setStatusCode(502).end());
  }

  @AfterEach
  void stop() throws InterruptedException {
    proxyVertx.close().await();
    if (inThisJvm != null) {
      inThisJvm.shutdown().await();
    }
    if (inAnotherJvm != null) {
      inAnotherJvm.close();
    }
  }

  @Test
  void behindARoundRobinTheGateSaysItCannotTellInsteadOfPassingOrFailing() throws Exception {
    // two processes, as behind a real load balancer: each has its own app_instance_id
    inAnotherJvm = ServerProcess.start("--task-ms", "150", "--max-event-loop-ms", "100",
        "--blocked-check-interval-ms", "20", "--startup-grace-ms", "0");
    inThisJvm = lab();
    String proxy = "http://127.0.0.1:" + roundRobin(inThisJvm.port(), inAnotherJvm.port());

    CommandRun outcome = looplab("experiment", "--base-url", proxy, "--route", "slow-run", "--calls", "4",
        "--concurrency", "4", "--mode", "async", "--warmup", "0", "--fail-on-blocked");

    assertEquals(1, outcome.exitCode(), outcome.out() + outcome.err());
    assertTrue(outcome.err().contains("--fail-on-blocked cannot tell: the loop figures cannot be taken for this run"),
        outcome.err());
    assertTrue(outcome.out().contains("server: the loop figures cannot be taken for this run: 2 server processes answered"),
        outcome.out());
    assertFalse(outcome.out().contains("blocked episode(s)"), "no figures printed as if they were the run's: " + outcome.out());
  }

  @Test
  void anHttpsBaseUrlIsReadWithTlsOnItsOwnPort() {
    Promise<Buffer> firstBytes = Promise.promise();
    int port = proxyVertx.createNetServer()
        .connectHandler(socket -> socket.handler(bytes -> {
          firstBytes.tryComplete(bytes);
          socket.close();
        }))
        .listen(0, "127.0.0.1").await().actualPort();
    URI base = URI.create("https://127.0.0.1:" + port);

    Future<?> reading = LoopReadingsClient.read(WebClient.create(proxyVertx), base);
    Throwable failure = reading.transform(done -> Future.succeededFuture(done.cause())).await();

    assertEquals(0x16, firstBytes.future().await().getByte(0), "a TLS handshake record, not plain HTTP");
    assertTrue(failure != null && failure.getMessage().contains("https://127.0.0.1:" + port + "/loops"),
        String.valueOf(failure));
  }
}
