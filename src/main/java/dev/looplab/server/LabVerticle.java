package dev.looplab.server;

import dev.looplab.observe.Observatory;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab server. The same task, waiting {@code task_ms}, is done three ways so that they can be
 * compared side by side: with a timer, with a sleep on the event loop, with a sleep on a worker.
 */
public final class LabVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(LabVerticle.class);
  private final ServerConfig config;
  private final InFlightRequests inFlight;
  private final Observatory observatory;
  private final LessonHost lessons;
  private final ShutdownDrain drain;
  private HttpServer server;

  LabVerticle(ServerConfig config, InFlightRequests inFlight, Observatory observatory, LessonHost lessons,
              ShutdownDrain drain) {
    this.config = config;
    this.inFlight = inFlight;
    this.observatory = observatory;
    this.lessons = lessons;
    this.drain = drain;
  }

  @Override
  public Future<?> start() {
    observatory.watchCurrentLoop(vertx);
    drain.servedOn(context);
    // plain HTTP/1.1: with h2c on, Vert.x makes a connection an HttpConnection only once a whole
    // request head has arrived, so a silent or slow client would be invisible to the drain and the timeouts
    return vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
        .requestHandler(new RequestHygiene(router()))
        .invalidRequestHandler(RequestHygiene::invalid)
        .connectionHandler(drain::connected)
        .listen(sharedPort(config.port()), config.host())
        .onSuccess(listening -> server = listening);
  }

  @Override
  public Future<?> stop() {
    observatory.stop(); // also when Vert.x is closed without a drain
    return Future.succeededFuture();
  }

  Router router() {
    Router router = Router.router(vertx);
    // first on every path: the request id, the limit, the shutdown drain, the activity board, the access line
    router.route().handler(new EveryRequest(inFlight, config.maxConcurrency(), drain, observatory.requestWatch(router),
        observatory.enabled(), config.accessLog()));
    router.get("/say-hi").handler(this::sayHi);
    router.get("/fast-run").handler(this::fastRun);
    router.get("/slow-run").handler(this::slowRun);
    router.get("/standard-run").handler(this::standardRun);
    router.get("/info").handler(this::info);
    router.get("/health").handler(rc -> rc.json(ServerInfo.health()));
    // off the event loop: a scrape or a thread dump must never show up as loop lag
    router.get("/metrics").handler(observatory.metricsHandler());
    router.get("/loops").handler(observatory.loopsHandler(AppInstance.ID));
    router.get("/threads").blockingHandler(observatory.threadsHandler(RequestId::current), false);
    lessons.mount(router);
    MethodRules.headWhereGet(router);
    ErrorReplies.install(router);
    return router;
  }

  private void info(RoutingContext rc) {
    rc.json(lessons.addInfo(ServerInfo.of(config).put("too_many_requests", inFlight.refusedTotal())
        .put("connections", drain.connectionsJson())));
  }

  private void sayHi(RoutingContext rc) {
    RouteRun run = RouteRun.begin("say-hi", 0);
    rc.json(run.finish().put("message", "Hi from looplab!"));
  }

  private void fastRun(RoutingContext rc) {
    RouteRun run = RouteRun.begin("fast-run", TaskTime.of(rc, config.taskMs()));
    // the loop is free while the timer runs: other requests are served meanwhile
    vertx.setTimer(Math.max(1, run.taskMs()), timerId -> {
      LOG.debug("fast-run timer fired");
      rc.json(run.finish());
    });
  }

  private void slowRun(RoutingContext rc) {
    RouteRun run = RouteRun.begin("slow-run", TaskTime.of(rc, config.taskMs()));
    sleep(run.taskMs()); // blocks this event loop on purpose: every request on it waits
    rc.json(run.finish());
  }

  private void standardRun(RoutingContext rc) {
    RouteRun run = RouteRun.begin("standard-run", TaskTime.of(rc, config.taskMs()));
    // unordered: the ordered default would run this instance's requests one at a time
    vertx.executeBlocking(observatory.onWorker("/standard-run", RequestId.current(), () -> {
          run.workerStarted();
          LOG.debug("standard-run picked up by a worker");
          sleep(run.taskMs());
          return Thread.currentThread().getName();
        }), false)
        .onSuccess(workerThread -> rc.json(run.finish(workerThread)))
        .onFailure(rc::fail);
  }

  private static void sleep(int ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sleeping", e);
    }
  }

  /**
   * Port 0 gives every instance a random port of its own, so all traffic would reach the first
   * instance only; Vert.x shares one random port among the servers that ask for -1.
   */
  private static int sharedPort(int port) {
    return port == 0 ? -1 : port;
  }

  int actualPort() {
    return server.actualPort();
  }

  /** Stops listening and closes what connections are left. */
  Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
