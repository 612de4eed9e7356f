package dev.looplab.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The lab watching itself: one per server. Lag probes on the loops the verticles run on, the
 * blocked-loop watcher, the meters behind {@code /metrics} and the thread view behind
 * {@code /threads}. When disabled every hook is a pass-through and nothing is measured.
 */
public final class Observatory {
  private static final long BUILD_REGISTRY_MS = 250;
  private final ObserveOptions options;
  private final ActivityBoard board = new ActivityBoard();
  private final DeferredRegistry registry = new DeferredRegistry();
  private final LabMeters meters = new LabMeters(registry);
  private final JvmMeters jvmMeters = new JvmMeters(registry);
  private final WorkerTasks workerTasks = new WorkerTasks(board, meters);
  private final BlockedLoopWatcher watcher;
  private final ThreadView threadView = new ThreadView(board);
  private final Map<String, LoopLagProbe> probeByLoop = new ConcurrentHashMap<>();
  private final LagRecorder recorder;
  private final LoopsView loopsView;
  private final Readouts readouts;

  public Observatory(ObserveOptions options) {
    this.options = options;
    this.watcher = new BlockedLoopWatcher(board, options.blockedAfterMs(), options.checkIntervalMs(), options.startupGraceMs());
    watcher.onEpisode(meters::blockedEpisode);
    this.recorder = new LagRecorder(options.probeIntervalMs());
    this.loopsView = new LoopsView(options, meters, recorder, watcher);
    this.readouts = new Readouts(registry, loopsView, jvmMeters::bindOnce);
  }

  public boolean enabled() {
    return options.enabled();
  }

  /**
   * A Vertx whose own meters (HTTP server, pools) go to this observatory's registry with
   * {@code --instrumentation vertx}; else a plain one: vertx-micrometer costs about 100 ms of a
   * one-core start and its per-request HTTP meters about 9 µs of CPU a request, while the lab's own
   * meters say what the lessons need.
   */
  public Vertx newVertx(VertxOptions vertxOptions) {
    if (!enabled() || !options.vertxMeters()) {
      return Vertx.vertx(vertxOptions);
    }
    // a name of its own: Vert.x keeps registries by name, and tests run several servers in one JVM;
    // the JVM's meters are the lab's own (JvmMeters), bound by the first scrape
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(false)
        .setRegistryName("looplab-" + UUID.randomUUID());
    // Vert.x 5.0.12 registers its event-bus gauges once per consumer and micrometer warns at each
    // repeat; no lesson reads them, so they are left out rather than leaving a WARN on every start
    metrics.addDisabledMetricsCategory(MetricsDomain.EVENT_BUS);
    vertxOptions.setMetricsOptions(metrics);
    return Vertx.builder().with(vertxOptions).withMetrics(new MicrometerMetricsFactory(registry.await())).build();
  }

  /** Starts a lag probe on the calling event loop, once per loop. Call from a verticle's start(). */
  public void watchCurrentLoop(Vertx vertx) {
    String loop = Thread.currentThread().getName();
    // only this loop's own thread ever asks for this name, so the check and the put cannot race
    if (!enabled() || probeByLoop.containsKey(loop)) {
      return;
    }
    LoopLag lag = new LoopLag(loop, options.windowSeconds());
    registry.whenBuilt(lag::register);
    loopsView.add(lag);
    LoopLagProbe probe = new LoopLagProbe(vertx, options.probeIntervalMs(), lag, recorder);
    probeByLoop.put(loop, probe);
    probe.start();
  }

  /**
   * Starts the blocked-loop watcher (the start-up grace period counts from here) and has the meters'
   * registry built once the first request has ended, or {@value #BUILD_REGISTRY_MS} ms from now; the
   * lag recorder starts when it is. Call once the server listens.
   */
  public void start() {
    if (enabled()) {
      watcher.start();
      registry.whenBuilt(built -> recorder.start());
      registry.buildWithin(BUILD_REGISTRY_MS);
    }
  }

  public void stop() {
    jvmMeters.close();
    watcher.stop();
    recorder.stop();
    probeByLoop.values().forEach(LoopLagProbe::stop);
  }

  /** The hooks the server's request handler calls on every request; null when disabled. */
  public RequestWatch requestWatch(Router router) {
    return enabled() ? new RequestWatch(router, board, meters, watcher) : null;
  }

  /** Publishes the access log's count of dropped lines in {@code /metrics}. */
  public void countDroppedAccessLines(LongSupplier dropped) {
    if (enabled()) {
      meters.accessLinesDropped(dropped);
    }
  }

  /** Publishes the count of the other log lines dropped because the console could not keep up. */
  public void countDroppedLogLines(LongSupplier dropped) {
    if (enabled()) {
      meters.logLinesDropped(dropped);
    }
  }

  /**
   * Runs {@code work} on this event loop attributed to a request, as the request tracker attributes a
   * handler: for code that runs later than the handler itself, such as a handler after its request body
   * has arrived, or a write queued behind the response. Inside an attributed handler it just runs.
   */
  public void onLoop(String route, String requestId, Runnable work) {
    if (!enabled() || board.busyHere()) {
      work.run();
      return;
    }
    ThreadActivity activity = board.enter(route, requestId, true);
    try {
      work.run();
    } finally {
      board.exit(activity);
      watcher.returnedLate(activity, System.nanoTime());
    }
  }

  /** Wraps a route's worker task so that it is counted and shown on {@code /threads}. */
  public <T> Callable<T> onWorker(String route, String requestId, Callable<T> task) {
    return enabled() ? workerTasks.track(route, requestId, task) : task;
  }

  /** {@code /metrics}: Prometheus text, read off the event loops. */
  public Handler<RoutingContext> metricsHandler() {
    return enabled() ? readouts.metrics() : Readouts.instrumentationOff("/metrics");
  }

  /** {@code /loops}: the loop figures as JSON, tagged with the process that answered. */
  public Handler<RoutingContext> loopsHandler(String appInstanceId) {
    return enabled() ? readouts.loops(appInstanceId) : Readouts.instrumentationOff("/loops");
  }

  /**
   * Mount with {@code blockingHandler(h, false)}: the thread dump runs on a worker, never on a loop,
   * and that worker shows in it as running {@code /threads} for this request.
   */
  public Handler<RoutingContext> threadsHandler(Supplier<String> requestId) {
    return rc -> {
      ThreadActivity activity = board.enter("/threads", requestId.get(), false);
      try {
        rc.json(threadView.snapshot());
      } finally {
        board.exit(activity);
      }
    };
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

  /** The meters' registry, built now if it is not yet: off the event loops only. */
  public PrometheusMeterRegistry registry() {
    return registry.await();
  }

  /** Registers meters once the registry is built, or now when it is (see {@link DeferredRegistry}). */
  public void whenRegistryBuilt(Consumer<? super MeterRegistry> registration) {
    registry.whenBuilt(registration);
  }
}
