package dev.looplab.driver;

import dev.looplab.model.Mode;
import dev.looplab.model.RunPlan;
import dev.looplab.model.RunResult;
import dev.looplab.model.ServerProbe;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Owns the client side: a Vert.x instance with one {@link ExperimentVerticle} per core, each on its
 * own event loop, so that opening thousands of connections is not the work of one thread. Blocking
 * methods, for the commands' main thread. The run in progress stays readable for a Ctrl-C hook.
 */
public final class ExperimentDriver implements AutoCloseable {
  private static final int WARM_UP_CONCURRENCY = 500;
  private static final int SYNC_WARM_UP_CALLS = 500;

  private final Vertx vertx;
  private final WebClient metricsClient;
  private final List<ExperimentVerticle> verticles = new CopyOnWriteArrayList<>();
  private volatile CallLog current;
  private Progress progress = Progress.NONE;

  public ExperimentDriver() {
    this(Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors())));
  }

  public ExperimentDriver(int eventLoops) {
    this.vertx = Vertx.vertx();
    vertx.deployVerticle(() -> {
      ExperimentVerticle verticle = new ExperimentVerticle();
      verticles.add(verticle);
      return verticle;
    }, new DeploymentOptions().setInstances(eventLoops)).await();
    metricsClient = WebClient.create(vertx);
  }

  /** Reads the server's /loops around each run given to it. */
  public LoopWatch loopWatch(URI baseUrl) {
    return new LoopWatch(metricsClient, baseUrl);
  }

  /** Shows each run's progress while it goes on (the commands draw a line on a terminal). */
  public ExperimentDriver showProgress(Progress shown) {
    this.progress = shown;
    return this;
  }

  /** The server's /info and round trip, each request within 10 s. */
  public ServerProbe probe(URI baseUrl) {
    return probe(baseUrl, 10_000);
  }

  /** The server's /info and round trip; a {@link NoServerException} when nothing answers within {@code timeoutMs} (0: none). */
  public ServerProbe probe(URI baseUrl, long timeoutMs) {
    return verticles.get(0).probe(baseUrl, timeoutMs).await();
  }

  /** Unrecorded calls to {@code /health} so that the JIT has compiled the client's path before a benchmark. */
  public void warmUp(URI baseUrl, int calls, long timeoutMs) {
    if (calls > 0) {
      RunPlan plan = new RunPlan(baseUrl, "/health", calls, Math.min(calls, WARM_UP_CONCURRENCY), timeoutMs);
      start(new CallLog(plan, Mode.ASYNC), Mode.ASYNC).await();
      // calls sent all at once leave the one-after-another path cold: a sync say-hi step would then
      // measure the JIT (3-4 ms a call at first, under 1 ms once compiled), not the network
      RunPlan oneByOne = new RunPlan(baseUrl, "/health", Math.min(calls, SYNC_WARM_UP_CALLS), 1, timeoutMs);
      start(new CallLog(oneByOne, Mode.SYNC), Mode.SYNC).await();
    }
  }

  /**
   * Warms the client up, then measures the network again: a cold client's round trips (class
   * loading, the JIT) are several times a warm one's, and the model's say-hi figures are made of them.
   * With no warm-up calls, {@code cold} is kept.
   */
  public ServerProbe warmUpThenProbe(URI baseUrl, int calls, long timeoutMs, ServerProbe cold) {
    if (calls <= 0) {
      return cold;
    }
    warmUp(baseUrl, calls, timeoutMs);
    return probe(baseUrl);
  }

  /** Runs the plan; one call at a time in SYNC mode. Returns when every call has ended. */
  public RunResult run(RunPlan plan, Mode mode) {
    CallLog log = new CallLog(plan, mode);
    current = log;
    Runnable stopShowing = progress.show(vertx, log, mode.label());
    try {
      return start(log, mode).await();
    } finally {
      stopShowing.run();
    }
  }

  /** Splits the run's lanes (calls in flight) over the event loops. */
  private Future<RunResult> start(CallLog log, Mode mode) {
    int lanes = mode == Mode.SYNC ? 1 : log.plan().inFlightLimit();
    int loops = Math.min(verticles.size(), lanes);
    String idPrefix = String.format("%s-%06x", mode.label(), ThreadLocalRandom.current().nextInt(1 << 24));
    AtomicInteger nextIndex = new AtomicInteger();
    List<Future<Void>> parts = new ArrayList<>(loops);
    for (int i = 0; i < loops; i++) {
      int share = lanes / loops + (i < lanes % loops ? 1 : 0);
      parts.add(verticles.get(i).runLanes(log, share, nextIndex, idPrefix));
    }
    return Future.all(parts).map(all -> log.snapshot());
  }

  /** The run going on now (or the last one), as far as it got. */
  public RunResult currentSoFar() {
    CallLog log = current;
    return log == null ? null : log.snapshot();
  }

  /** The log of the run going on now (or the last one), null before the first: calls as they start and end. */
  public CallLog currentLog() {
    return current;
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
