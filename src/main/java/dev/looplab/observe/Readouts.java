package dev.looplab.observe;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The answers that read the meters, {@code /metrics} (Prometheus text) and {@code /loops} (JSON),
 * built on one thread of their own: never on an event loop (a scrape reads every meter, and
 * Micrometer's windows lock while they are read), and never behind the lab's worker tasks.
 */
final class Readouts {
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final DeferredRegistry registry;
  private final LoopsView loops;
  private final Runnable beforeScrape;
  private final AtomicReference<WorkerExecutor> readers = new AtomicReference<>();

  /** @param beforeScrape run on the reading thread before each scrape (binds the JVM's meters once) */
  Readouts(DeferredRegistry registry, LoopsView loops, Runnable beforeScrape) {
    this.registry = registry;
    this.loops = loops;
    this.beforeScrape = beforeScrape;
  }

  Handler<RoutingContext> metrics() {
    // a scrape right after a run must count that run's probes and episodes
    return rc -> readers(rc.vertx()).executeBlocking(() -> {
          PrometheusMeterRegistry built = registry.await();
          beforeScrape.run();
          return loops.upToDate(built::scrape);
        }, false)
        .onSuccess(text -> rc.response().putHeader("content-type", PROMETHEUS_TEXT).end(text))
        .onFailure(rc::fail);
  }

  Handler<RoutingContext> loops(String appInstanceId) {
    return rc -> readers(rc.vertx()).executeBlocking(() -> {
          registry.await();
          return loops.snapshot(appInstanceId);
        }, false)
        .onSuccess(rc::json)
        .onFailure(rc::fail);
  }

  static Handler<RoutingContext> instrumentationOff(String path) {
    return rc -> rc.response().setStatusCode(503).putHeader("content-type", "application/json")
        .end(new JsonObject().put("error", "instrumentation_off")
            .put("detail", "this server runs with --instrumentation off; start it with 'on' to get " + path).encode());
  }

  private WorkerExecutor readers(Vertx vertx) {
    WorkerExecutor current = readers.get();
    if (current != null) {
      return current;
    }
    WorkerExecutor created = vertx.createSharedWorkerExecutor("looplab-observe", 1);
    if (readers.compareAndSet(null, created)) {
      return created;
    }
    created.close();
    return readers.get();
  }
}
