package dev.looplab.server;

import dev.looplab.observe.Instrumentation;
import dev.looplab.observe.Observatory;
import dev.looplab.observe.ObserveOptions;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Boots the lab: Vert.x with the configured thread limits, N verticle instances, and a drain on shutdown. */
public final class LabServer {
  private static final Logger LOG = LoggerFactory.getLogger(LabServer.class);

  private final ServerConfig config;
  private final Vertx vertx;
  private final Observatory observatory;
  private final InFlightRequests inFlight = new InFlightRequests();
  private final ShutdownDrain drain = new ShutdownDrain();
  private final List<LabVerticle> verticles = new CopyOnWriteArrayList<>();
  private final LessonHost lessons;

  /** A server with the given lessons plugged in (the lab's own list is {@code cli.Lessons}). */
  public LabServer(ServerConfig config, List<Lesson> lessons) {
    this(config, lessons, new Observatory(observeOptions(config)));
  }

  private LabServer(ServerConfig config, List<Lesson> lessons, Observatory observatory) {
    this(config, lessons, observatory.newVertx(vertxOptions(config)), observatory);
  }

  /** For tests that bring their own Vertx (its vertx_* meters are then missing from /metrics). */
  public LabServer(ServerConfig config, List<Lesson> lessons, Vertx vertx) {
    this(config, lessons, vertx, new Observatory(observeOptions(config)));
  }

  private LabServer(ServerConfig config, List<Lesson> lessons, Vertx vertx, Observatory observatory) {
    this.config = config;
    this.vertx = vertx;
    this.observatory = observatory;
    this.lessons = new LessonHost(lessons, vertx, config, observatory);
    observatory.countDroppedAccessLines(AsyncAccessAppender::dropped);
    observatory.countDroppedLogLines(ConsoleLines::dropped);
  }

  static ObserveOptions observeOptions(ServerConfig config) {
    return config.instrumentation() == Instrumentation.OFF
        ? ObserveOptions.disabled()
        : ObserveOptions.enabled(config.instrumentation() == Instrumentation.VERTX,
            config.maxEventLoopMs(), config.blockedCheckIntervalMs(), config.startupGraceMs());
  }

  public static VertxOptions vertxOptions(ServerConfig config) {
    return new VertxOptions()
        .setEventLoopPoolSize(Math.max(config.instances(), VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE))
        .setWorkerPoolSize(config.workerPoolSize())
        .setBlockedThreadCheckInterval(config.blockedCheckIntervalMs())
        .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
        .setMaxEventLoopExecuteTime(config.maxEventLoopMs())
        .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
        .setWarningExceptionTime(config.warningExceptionMs())
        .setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS);
  }

  /** Deploys the instances; completes with the port they listen on. */
  public Future<Integer> start() {
    return lessons.start()
        .compose(ready -> deployVerticles())
        .map(deploymentId -> port())
        .onSuccess(port -> observatory.start())
        .onSuccess(port -> {
          drain.connections().enforceTimeouts(vertx, config.headerTimeoutMs(), config.idleTimeoutMs());
          observatory.whenRegistryBuilt(registry -> ConnectionMeters.register(registry, drain.connections()));
        })
        .onSuccess(port -> LOG.info("looplab {} listening on http://{}:{} with {} event loop(s), task {} ms, worker pool {}",
            AppInstance.ID, config.host(), port, config.instances(), config.taskMs(), config.workerPoolSize()));
  }

  private Future<String> deployVerticles() {
    return vertx.deployVerticle(() -> {
      LabVerticle verticle = new LabVerticle(config, inFlight, observatory, lessons, drain);
      verticles.add(verticle);
      return verticle;
    }, new DeploymentOptions().setInstances(config.instances()));
  }

  public int port() {
    return verticles.get(0).actualPort();
  }

  public Vertx vertx() {
    return vertx;
  }

  public Observatory observatory() {
    return observatory;
  }

  public InFlightRequests inFlight() {
    return inFlight;
  }

  /**
   * Serves what comes during the grace period, answers 503 to what is left when it runs out (see
   * {@link ShutdownDrain}), lets background jobs use what remains of it, then closes Vert.x.
   * Completes with the number of requests cut off without an answer.
   */
  public Future<Integer> shutdown() {
    long startNanos = System.nanoTime();
    drain.begin();
    LOG.info("shutting down: {} request(s) in flight, {} connection(s) open, grace period {} ms",
        inFlight.current(), drain.openConnections(), config.shutdownGraceMs());
    Promise<ShutdownDrain.Outcome> drained = Promise.promise();
    Thread drainer = new Thread(() -> {
      try {
        drained.complete(drain.drain(vertx, config.shutdownGraceMs()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        drained.fail(e);
      } catch (RuntimeException | Error e) {
        drained.fail(e); // the shutdown must report, whatever went wrong
      }
    }, "looplab-drain");
    drainer.start();
    // the lessons' pending work gets what is left of the grace period; the report waits for Vert.x
    // to close, so the last responses' end handlers have run
    return drained.future().compose(outcome -> lessons.drain(Math.max(0, config.shutdownGraceMs() - millisSince(startNanos)))
        .transform(notDone -> lessons.stop())
        .transform(stopped -> Future.join(verticles.stream().map(LabVerticle::close).toList()))
        .transform(closed -> vertx.close())
        .map(closed -> {
          long cutOff = drain.cutOff();
          LOG.info("drained: {} request(s) finished during shutdown, {} answered 503 when the grace ran out, {} cut off"
                  + " without an answer; {} idle connection(s) closed; {} ms",
              outcome.finished(), outcome.refused(), cutOff, outcome.idleClosed(), millisSince(startNanos));
          return (int) cutOff;
        }));
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
