package dev.looplab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looplab.cli.Lessons;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ConcurrencyLimitTest {
  private static final int LIMIT = 3;
  private static final String HOLD_URI = "/fast-run?ms=1500";

  private WebClient client;
  private LabServer labServer;

  @AfterEach
  void stop() {
    if (labServer != null) {
      labServer.vertx().close().await();
    }
  }

  /** The N requests are held inside the route until the extra one has been refused: no timing involved. */
  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void oneOverTheLimitGets429WhileTheOthersAreHeld(Vertx vertx, VertxTestContext ctx) {
    InFlightRequests inFlight = new InFlightRequests();
    Promise<Void> release = Promise.promise();
    Promise<Void> allHeld = Promise.promise();
    AtomicInteger arrived = new AtomicInteger();
    Router router = Router.router(vertx);
    router.route().handler(new EveryRequest(inFlight, LIMIT));
    router.get("/hold").handler(rc -> {
      if (arrived.incrementAndGet() == LIMIT) {
        allHeld.complete();
      }
      release.future().onComplete(done -> rc.json(new JsonObject().put("held", true)));
    });
    ErrorReplies.install(router);

    vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").onComplete(ctx.succeeding(server -> {
      client = clientFor(vertx, server.actualPort());
      List<Future<HttpResponse<Buffer>>> held = new ArrayList<>();
      for (int i = 0; i < LIMIT; i++) {
        held.add(client.get("/hold").send());
      }
      allHeld.future()
          .compose(all -> client.get("/hold").send())
          .onComplete(ctx.succeeding(extra -> {
            ctx.verify(() -> {
              assertTooManyRequests(extra);
              assertEquals(LIMIT, inFlight.admitted());
              assertEquals(1, inFlight.refusedTotal());
            });
            release.complete();
            Future.all(held).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
              for (Future<HttpResponse<Buffer>> response : held) {
                assertEquals(200, response.result().statusCode());
              }
              assertEquals(LIMIT, arrived.get(), "the refused request never reached the route");
              ctx.completeNow();
            })));
          }));
    }));
  }

  /**
   * The real server, with /fast-run?ms=1500 holding the places: N succeed, exactly one 429, counted in
   * /info. The extra call must arrive while the N are still held; the hold is long against what a busy
   * machine can add between seeing them admitted and the extra call arriving (a new connection).
   */
  @Test
  @Timeout(value = 15, timeUnit = TimeUnit.SECONDS)
  void labServerRefusesTheRequestBeyondMaxConcurrency(VertxTestContext ctx) {
    labServer = new LabServer(ServerConfig.defaults().withPort(0).withMaxConcurrency(LIMIT), Lessons.all());
    Vertx vertx = labServer.vertx();
    labServer.start().onComplete(ctx.succeeding(port -> {
      client = clientFor(vertx, port);
      List<Future<HttpResponse<Buffer>>> running = new ArrayList<>();
      for (int i = 0; i < LIMIT; i++) {
        running.add(client.get(HOLD_URI).send());
      }
      whenAdmitted(vertx, LIMIT)
          .compose(full -> client.get(HOLD_URI).send())
          .compose(extra -> {
            ctx.verify(() -> assertTooManyRequests(extra));
            return client.get("/health").send();
          })
          .compose(health -> {
            ctx.verify(() -> assertEquals(200, health.statusCode(), "probes are never refused"));
            return Future.all(running);
          })
          .compose(all -> {
            ctx.verify(() -> running.forEach(r -> assertEquals(200, r.result().statusCode())));
            return client.get("/info").send();
          })
          .onComplete(ctx.succeeding(info -> ctx.verify(() -> {
            JsonObject body = info.bodyAsJsonObject();
            assertEquals(LIMIT, body.getInteger("max_concurrency"));
            assertEquals(1L, body.getLong("too_many_requests"));
            ctx.completeNow();
          })));
    }));
  }

  /** A caller that hangs up must not keep its place, or the instance would refuse everyone in the end. */
  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void aCallerThatHangsUpGivesItsPlaceBack(Vertx vertx, VertxTestContext ctx) {
    InFlightRequests inFlight = new InFlightRequests();
    Promise<HttpConnection> held = Promise.promise();
    Router router = Router.router(vertx);
    router.route().handler(new EveryRequest(inFlight, 1));
    router.get("/hold").handler(rc -> held.complete(rc.request().connection()));  // never answered
    router.get("/say-hi").handler(rc -> rc.json(new JsonObject().put("hi", true)));
    vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").onComplete(ctx.succeeding(server -> {
      client = clientFor(vertx, server.actualPort());
      HttpClient raw = vertx.createHttpClient();
      raw.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/hold")
          .compose(request -> request.send().map(request));
      held.future()
          .compose(serverSide -> {
            Promise<Void> closed = Promise.promise();
            serverSide.closeHandler(v -> closed.complete());
            raw.close();  // the caller hangs up while its request is in flight
            return closed.future();
          })
          .compose(closed -> client.get("/say-hi").send())
          .onComplete(ctx.succeeding(after -> ctx.verify(() -> {
            assertEquals(200, after.statusCode(), "the place of the hung-up request was given back");
            assertEquals(0, inFlight.refusedTotal());
            ctx.completeNow();
          })));
    }));
  }

  @Test
  void admissionIsExactUnderRacingThreads() throws InterruptedException {
    InFlightRequests inFlight = new InFlightRequests();
    int threads = 8;
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger admitted = new AtomicInteger();
    List<Thread> racers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread racer = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        if (inFlight.tryAdmit(5)) {
          admitted.incrementAndGet();
        }
      });
      racer.start();
      racers.add(racer);
    }
    go.countDown();
    for (Thread racer : racers) {
      racer.join();
    }
    assertEquals(5, admitted.get());
    assertEquals(3, inFlight.refusedTotal());
    inFlight.releaseAdmitted();
    assertTrue(inFlight.tryAdmit(5), "a released place can be taken again");
    assertFalse(inFlight.tryAdmit(5));
  }

  @Test
  void noLimitUnlessAsked() {
    assertEquals(0, ServerConfig.defaults().maxConcurrency());
  }

  private static void assertTooManyRequests(HttpResponse<Buffer> response) {
    assertEquals(429, response.statusCode());
    assertEquals(EveryRequest.RETRY_AFTER_SECONDS, response.getHeader("Retry-After"));
    JsonObject body = response.bodyAsJsonObject();
    assertEquals("too_many_requests", body.getString("error"));
    assertTrue(body.getString("detail").contains(String.valueOf(LIMIT)), body.encode());
  }

  private static WebClient clientFor(Vertx vertx, int port) {
    // a pool larger than LIMIT + 1 so that no request waits in the client
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
        new PoolOptions().setHttp1MaxSize(LIMIT + 4));
  }

  /** Completes when the server has admitted {@code n} requests (checked every 5 ms; the test's timeout bounds it). */
  private Future<Void> whenAdmitted(Vertx vertx, int n) {
    Promise<Void> reached = Promise.promise();
    vertx.setPeriodic(5, id -> {
      if (labServer.inFlight().admitted() >= n) {
        vertx.cancelTimer(id);
        reached.complete();
      }
    });
    return reached.future();
  }
}
