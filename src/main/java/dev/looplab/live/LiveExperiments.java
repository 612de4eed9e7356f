package dev.looplab.live;

import dev.looplab.driver.CallLog;
import dev.looplab.model.Experiment;
import dev.looplab.driver.ExperimentDriver;
import dev.looplab.model.RunPlan;
import dev.looplab.model.RunResult;
import dev.looplab.model.ServerProbe;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the page's experiments with the {@code experiment} command's own driver, one at a time, on a
 * thread of their own (the driver's methods block, so never on an event loop). The driver and its
 * Vert.x are made for the first run and kept until the server stops.
 */
final class LiveExperiments {
  private static final Logger LOG = LoggerFactory.getLogger(LiveExperiments.class);
  /** The driver's client event loops: enough for the page's runs of at most 100 calls. */
  private static final int DRIVER_LOOPS = 2;

  private final ExecutorService runner = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "looplab-live-experiment");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicBoolean busy = new AtomicBoolean();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile LiveRun latest;
  private ExperimentDriver driver; // only touched on the runner thread

  /** Starts a run unless one is going on; returns it, or null when refused. */
  LiveRun start(ExperimentRequest request, URI baseUrl) {
    if (!busy.compareAndSet(false, true)) {
      return null;
    }
    LiveRun run = new LiveRun(ids.incrementAndGet(), request);
    latest = run;
    runner.execute(() -> {
      try {
        execute(run, request.plan(baseUrl));
      } catch (RuntimeException | Error e) {
        LOG.warn("live experiment {} failed: {}", run.id(), e.toString());
        run.failed(String.valueOf(e.getMessage()));
      } finally {
        busy.set(false);
      }
    });
    return run;
  }

  private void execute(LiveRun run, RunPlan plan) {
    if (driver == null) {
      driver = new ExperimentDriver(DRIVER_LOOPS);
    }
    ExperimentDriver runs = driver;
    ServerProbe probe = runs.probe(plan.baseUrl());
    // the driver logs the calls as they start and end; the page reads that log while the run goes on
    run.running(() -> {
      CallLog log = runs.currentLog();
      return log != null && log.plan() == plan ? log : null;
    });
    RunResult result = runs.run(plan, run.mode());
    // the prediction exactly as the experiment command makes it
    run.done(result.wallMs(), new Experiment(probe, List.of(result)).prediction(result).orElse(null));
  }

  boolean running() {
    return busy.get();
  }

  /** The run going on, or the last one; null before the first. */
  LiveRun latest() {
    return latest;
  }

  /** Stops taking runs and closes the driver, off the caller's thread. */
  Future<Void> stop() {
    Promise<Void> closed = Promise.promise();
    if (runner.isShutdown()) {
      return Future.succeededFuture();
    }
    runner.execute(() -> {
      if (driver != null) {
        driver.close();
      }
      closed.complete();
    });
    runner.shutdown();
    return closed.future();
  }
}
