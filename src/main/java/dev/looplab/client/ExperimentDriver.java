package dev.looplab.client;

import io.vertx.core.Vertx;
import java.net.URI;

/**
 * Owns the client side: a Vert.x instance with the {@link ExperimentVerticle} deployed. Blocking
 * methods, for the commands' main thread. The run in progress stays readable for a Ctrl-C hook.
 */
public final class ExperimentDriver implements AutoCloseable {
  private static final int WARM_UP_CONCURRENCY = 500;

  private final Vertx vertx;
  private final ExperimentVerticle verticle = new ExperimentVerticle();
  private volatile CallLog current;

  public ExperimentDriver() {
    this.vertx = Vertx.vertx();
    vertx.deployVerticle(verticle).await();
  }

  public ServerProbe probe(URI baseUrl) {
    return verticle.probe(baseUrl).await();
  }

  /** Unrecorded calls to {@code /health} so that the JIT has compiled the client's path before a benchmark. */
  public void warmUp(URI baseUrl, int calls, long timeoutMs) {
    if (calls > 0) {
      RunPlan plan = new RunPlan(baseUrl, "/health", calls, Math.min(calls, WARM_UP_CONCURRENCY), timeoutMs);
      verticle.run(new CallLog(plan, Mode.ASYNC), Mode.ASYNC).await();
    }
  }

  public RunResult run(RunPlan plan, Mode mode) {
    CallLog log = new CallLog(plan, mode);
    current = log;
    ProgressLine progress = ProgressLine.startIfTerminal(vertx, log, mode.label());
    try {
      return verticle.run(log, mode).await();
    } finally {
      if (progress != null) {
        progress.stop();
      }
    }
  }

  /** The run going on now (or the last one), as far as it got. */
  public RunResult currentSoFar() {
    CallLog log = current;
    return log == null ? null : log.snapshot();
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
