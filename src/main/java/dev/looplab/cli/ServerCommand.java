package dev.looplab.cli;

import dev.looplab.lessons.decisions.DecisionsFlags;
import dev.looplab.observe.Instrumentation;
import dev.looplab.server.LabServer;
import dev.looplab.server.ServerConfig;
import dev.looplab.server.ShutdownSignals;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code looplab server}: runs the lab server until SIGTERM or Ctrl-C, then drains and exits 0. */
@Command(name = "server", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
    defaultValueProvider = ServerDefaults.class,
    description = "Runs the lab server. Every option can also be set by the environment variable shown.")
public final class ServerCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServerCommand.class);

  @Spec CommandSpec spec;

  @Mixin DecisionsFlags decisions;

  @Option(names = {"-p", "--port"}, description = "Port to listen on; 0 picks a free one (env PORT; default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", description = "Address to bind; 0.0.0.0 in a container (env LOOPLAB_HOST; default ${DEFAULT-VALUE}).")
  String host;

  @Option(names = {"-i", "--instances"}, description = "Verticle instances, i.e. event loops serving the port (env LOOPLAB_INSTANCES; default ${DEFAULT-VALUE}).")
  int instances;

  @Option(names = {"-t", "--task-ms"}, description = "How long each run route's task takes, 0..60000 ms (env LOOPLAB_TASK_MS; default ${DEFAULT-VALUE}).")
  int taskMs;

  @Option(names = {"-w", "--worker-pool-size"}, description = "Threads in the worker pool used by /standard-run (env LOOPLAB_WORKER_POOL_SIZE; default ${DEFAULT-VALUE}).")
  int workerPoolSize;

  @Option(names = "--blocked-check-interval-ms", description = "How often Vert.x checks for blocked threads (env LOOPLAB_BLOCKED_CHECK_INTERVAL_MS; default ${DEFAULT-VALUE}).")
  long blockedCheckIntervalMs;

  @Option(names = "--max-event-loop-ms", description = "An event loop busy longer than this is reported as blocked (env LOOPLAB_MAX_EVENT_LOOP_MS; default ${DEFAULT-VALUE}).")
  long maxEventLoopMs;

  @Option(names = "--warning-exception-ms", description = "Blocked longer than this, the warning carries the thread's stack trace (env LOOPLAB_WARNING_EXCEPTION_MS; default ${DEFAULT-VALUE}).")
  long warningExceptionMs;

  @Option(names = "--shutdown-grace-ms", description = "On SIGTERM, how long in-flight requests may take to finish (env LOOPLAB_SHUTDOWN_GRACE_MS; default ${DEFAULT-VALUE}).")
  long shutdownGraceMs;

  @Option(names = "--max-concurrency", description = "Requests this process serves at once; beyond it 429 Too Many Requests, like Cloud Run's concurrency; 0 = no limit (env LOOPLAB_MAX_CONCURRENCY; default ${DEFAULT-VALUE}).")
  int maxConcurrency;

  @Option(names = "--instrumentation", paramLabel = "on|vertx|off", converter = InstrumentationConverter.class,
      description = "The lab's lag probes, blocked-loop attribution, /metrics (with its own per-route request timer), /loops and Server-Timing; 'vertx' adds Vert.x's own meters (vertx_http_server_* per request, which cost about 9 us CPU per request measured on one core, and vertx_pool_*); 'off' drops everything, to measure the cost (env LOOPLAB_INSTRUMENTATION; default ${DEFAULT-VALUE}).")
  Instrumentation instrumentation;

  @Option(names = "--startup-grace-ms", description = "Blocked episodes that begin this soon after start-up are not counted (env LOOPLAB_STARTUP_GRACE_MS; default ${DEFAULT-VALUE}).")
  long startupGraceMs;

  @Option(names = "--access-log", paramLabel = "on|off", converter = OnOffConverter.class,
      description = "One line per request (method, URI, status, ms), written off the event loop; lines that find the log's queue full are dropped and counted in /metrics (env LOOPLAB_ACCESS_LOG; default ${DEFAULT-VALUE}).")
  OnOff accessLog;

  @Option(names = "--header-timeout-ms", description = "A connection whose request head has not fully arrived this long after it opened is closed; 0 = no limit (env LOOPLAB_HEADER_TIMEOUT_MS; default ${DEFAULT-VALUE}).")
  long headerTimeoutMs;

  @Option(names = "--idle-timeout-ms", description = "A keep-alive connection with no new request for this long is closed; 0 = no limit (env LOOPLAB_IDLE_TIMEOUT_MS; default ${DEFAULT-VALUE}).")
  long idleTimeoutMs;

  private static final long SHUTDOWN_MARGIN_MS = 10_000;

  @Override
  public Integer call() throws InterruptedException {
    ServerConfig config = validated();
    LabServer server = new LabServer(config, Lessons.all(decisions.settings()));
    try {
      server.start().await();
    } catch (RuntimeException e) {
      System.err.println("looplab: cannot start the server on " + config.host() + ":" + config.port() + ": " + e.getMessage());
      server.vertx().close();
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(1);
    ShutdownSignals.onTermination(signal -> {
      LOG.info("received SIG{}", signal);
      stopped.countDown();
      server.shutdown().onComplete(done -> finished.countDown());
    });
    stopped.await();
    // the drain itself ends within 2 x grace; a shutdown that never reports (an Error thrown inside
    // a callback) must not leave the process running for ever
    long boundMs = 2 * config.shutdownGraceMs() + SHUTDOWN_MARGIN_MS;
    if (!finished.await(boundMs, TimeUnit.MILLISECONDS)) {
      LOG.error("shutdown did not finish within {} ms; exiting anyway", boundMs);
      return 1;
    }
    return 0;
  }

  /** The configuration the options give; a value out of range is a usage error. */
  ServerConfig validated() {
    requireRange("--port", port, 0, 65_535);
    requireRange("--instances", instances, 1, 1024);
    requireRange("--task-ms", taskMs, 0, ServerConfig.MAX_TASK_MS);
    requireRange("--worker-pool-size", workerPoolSize, 1, 10_000);
    requireRange("--blocked-check-interval-ms", blockedCheckIntervalMs, 1, 3_600_000);
    requireRange("--max-event-loop-ms", maxEventLoopMs, 1, 3_600_000);
    requireRange("--warning-exception-ms", warningExceptionMs, 1, 3_600_000);
    requireRange("--shutdown-grace-ms", shutdownGraceMs, 0, 3_600_000);
    requireRange("--max-concurrency", maxConcurrency, 0, 100_000);
    requireRange("--startup-grace-ms", startupGraceMs, 0, 3_600_000);
    requireRange("--header-timeout-ms", headerTimeoutMs, 0, 3_600_000);
    requireRange("--idle-timeout-ms", idleTimeoutMs, 0, 86_400_000);
    return new ServerConfig(host, port, instances, taskMs, workerPoolSize, blockedCheckIntervalMs, maxEventLoopMs,
        warningExceptionMs, shutdownGraceMs, maxConcurrency, instrumentation, startupGraceMs, accessLog.on(),
        headerTimeoutMs, idleTimeoutMs);
  }

  private void requireRange(String option, long value, long min, long max) {
    if (value < min || value > max) {
      throw new ParameterException(spec.commandLine(),
          "Invalid value for option '" + option + "': " + value + " is not in " + min + ".." + max);
    }
  }
}
