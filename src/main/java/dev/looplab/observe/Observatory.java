package dev.looplab.observe;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The lab watching itself: one per server. Lag probes on the loops the verticles run on, the
 * blocked-loop watcher, the meters behind {@code /metrics} and the thread view behind
 * {@code /threads}. When disabled every hook is a pass-through and nothing is measured.
 */
public final class Observatory {
  private final ObserveOptions options;
  private final ActivityBoard board = new ActivityBoard();
  private final PrometheusMeterRegistry registry = boundedRegistry();
  private final LabMeters meters = new LabMeters(registry);
  private final WorkerTasks workerTasks = new WorkerTasks(board, meters);
  private final BlockedLoopWatcher watcher;
  private final ThreadView threadView = new ThreadView(board);
  private final Set<String> probedLoops = ConcurrentHashMap.newKeySet();
  private final List<LoopLagProbe> probes = new CopyOnWriteArrayList<>();
  private final Map<String, LoopLagProbe> probeByLoop = new ConcurrentHashMap<>();

  public Observatory(ObserveOptions options) {
    this.options = options;
    this.watcher = new BlockedLoopWatcher(board, options.blockedAfterMs(), options.checkIntervalMs(), options.startupGraceMs());
    watcher.onEpisode(meters::blockedEpisode);
  }

  /** The filter goes on before any meter exists: micrometer applies filters only to meters registered after them. */
  private static PrometheusMeterRegistry boundedRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(new BoundedLabels());
    return registry;
  }

  public boolean enabled() {
    return options.enabled();
  }

  /** A Vertx whose HTTP server and pool meters go to this observatory's registry (when enabled). */
  public Vertx newVertx(VertxOptions vertxOptions) {
    if (!enabled()) {
      return Vertx.vertx(vertxOptions);
    }
    // a name of its own: Vert.x keeps registries by name, and tests run several servers in one JVM
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)
        .setRegistryName("looplab-" + UUID.randomUUID());
    // Vert.x 5.0.12 registers its event-bus gauges once per consumer and micrometer warns at each
    // repeat; no lesson reads them, so they are left out rather than leaving a WARN on every start
    metrics.addDisabledMetricsCategory(MetricsDomain.EVENT_BUS);
    if (!options.httpServerMeters()) {
      metrics.addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER);
    }
    vertxOptions.setMetricsOptions(metrics);
    return Vertx.builder().with(vertxOptions).withMetrics(new MicrometerMetricsFactory(registry)).build();
  }

  /** Starts a lag probe on the calling event loop, once per loop. Call from a verticle's start(). */
  public void watchCurrentLoop(Vertx vertx) {
    String loop = Thread.currentThread().getName();
    if (!enabled() || !probedLoops.add(loop)) {
      return;
    }
    LagWindow window = new LagWindow(options.windowSeconds(), 6, System.nanoTime());
    meters.eventLoop(loop, window);
    LoopLagProbe probe = new LoopLagProbe(vertx, options.probeIntervalMs(), window);
    probes.add(probe);
    probeByLoop.put(loop, probe);
    probe.start();
  }

  /** Starts the blocked-loop watcher; the start-up grace period counts from here. */
  public void start() {
    if (enabled()) {
      watcher.start();
    }
  }

  public void stop() {
    watcher.stop();
    probes.forEach(LoopLagProbe::stop);
  }

  /** The first handler after the request id is known: marks the loop as busy with this request. */
  public Handler<RoutingContext> requestTracker(Router router, Function<RoutingContext, String> requestIdOf) {
    return enabled() ? new RequestTracker(router, board, meters, watcher, requestIdOf) : RoutingContext::next;
  }

  /** Wraps a route's worker task so that it is counted and shown on {@code /threads}. */
  public <T> Callable<T> onWorker(String route, String requestId, Callable<T> task) {
    return enabled() ? workerTasks.track(route, requestId, task) : task;
  }

  public Handler<RoutingContext> metricsHandler() {
    if (enabled()) {
      Handler<RoutingContext> scrape = PrometheusScrapingHandler.create(registry);
      return rc -> {
        watcher.flush(); // a scrape right after a run must count that run's episodes
        scrape.handle(rc);
      };
    }
    return rc -> rc.response().setStatusCode(503).putHeader("content-type", "application/json")
        .end(new JsonObject().put("error", "instrumentation_off")
            .put("detail", "this server runs with --instrumentation off; start it with 'on' to get /metrics").encode());
  }

  public Handler<RoutingContext> threadsHandler() {
    return rc -> rc.json(threadView.snapshot());
  }

  /** Test and embedding hook: called for each blocked episode, after it is logged and counted. */
  public void onBlockedEpisode(Consumer<BlockedEpisode> listener) {
    watcher.onEpisode(listener);
  }

  /**
   * The loops the lab serves on, in name order: their worst lag since {@code sinceNanos} (a
   * {@link System#nanoTime()}), what holds each now, and their requests in flight by route. Cheap
   * and safe from any thread; empty when instrumentation is off.
   */
  public List<LoopStatus> loopStatus(long sinceNanos) {
    long now = System.nanoTime();
    return new TreeMap<>(probeByLoop).entrySet().stream()
        .map(loop -> LoopStatusReader.read(loop.getKey(), loop.getValue().worstLagMsSince(sinceNanos, now), board, now))
        .toList();
  }

  /** Route tasks running on and waiting for the worker pool now. */
  public WorkerStatus workerStatus() {
    return workerTasks.status();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }
}
