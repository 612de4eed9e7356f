package dev.looplab.cli;

import static dev.looplab.options.CommandOptions.DEFAULT;

import dev.looplab.lessons.decisions.DecisionsFlags;
import dev.looplab.observe.Instrumentation;
import dev.looplab.options.CommandOptions;
import dev.looplab.options.OptionValues;
import dev.looplab.server.ServerConfig;
import java.util.function.Function;
import org.apache.commons.cli.ParseException;

/** {@code looplab server}'s options, each also set by the environment variable its help names, and the configuration they give. */
final class ServerOptions {
  private ServerOptions() {}

  /** The server's options and the decisions lesson's, with defaults from {@code environment} (variable to value). */
  static CommandOptions define(Function<String, String> environment) {
    ServerDefaults defaults = new ServerDefaults(environment);
    CommandOptions options = new CommandOptions(defaults::defaultValue, defaults::origin)
        .value("p", "port", "<port>", null, "Port to listen on; 0 picks a free one (env PORT; default " + DEFAULT + ").")
        .value(null, "host", "<host>", null, "Address to bind; 0.0.0.0 in a container (env LOOPLAB_HOST; default " + DEFAULT + ").")
        .value("i", "instances", "<n>", null,
            "Verticle instances, i.e. event loops serving the port (env LOOPLAB_INSTANCES; default " + DEFAULT + ").")
        .value("t", "task-ms", "<ms>", null,
            "How long each run route's task takes, 0..60000 ms (env LOOPLAB_TASK_MS; default " + DEFAULT + ").")
        .value("w", "worker-pool-size", "<n>", null,
            "Threads in the worker pool used by /standard-run (env LOOPLAB_WORKER_POOL_SIZE; default " + DEFAULT + ").")
        .value(null, "blocked-check-interval-ms", "<ms>", null,
            "How often Vert.x checks for blocked threads (env LOOPLAB_BLOCKED_CHECK_INTERVAL_MS; default " + DEFAULT + ").")
        .value(null, "max-event-loop-ms", "<ms>", null,
            "An event loop busy longer than this is reported as blocked (env LOOPLAB_MAX_EVENT_LOOP_MS; default " + DEFAULT + ").")
        .value(null, "warning-exception-ms", "<ms>", null, "Blocked longer than this, the warning carries the thread's "
            + "stack trace (env LOOPLAB_WARNING_EXCEPTION_MS; default " + DEFAULT + ").")
        .value(null, "shutdown-grace-ms", "<ms>", null,
            "On SIGTERM, how long in-flight requests may take to finish (env LOOPLAB_SHUTDOWN_GRACE_MS; default " + DEFAULT + ").")
        .value(null, "max-concurrency", "<n>", null, "Requests this process serves at once; beyond it 429 Too Many Requests, "
            + "like Cloud Run's concurrency; 0 = no limit (env LOOPLAB_MAX_CONCURRENCY; default " + DEFAULT + ").")
        .value(null, "instrumentation", "on|vertx|off", null, "The lab's lag probes, blocked-loop attribution, /metrics "
            + "(with its own per-route request timer), /loops and Server-Timing; 'vertx' adds Vert.x's own meters "
            + "(vertx_http_server_* per request, which cost about 9 us CPU per request measured on one core, and "
            + "vertx_pool_*); 'off' drops everything, to measure the cost (env LOOPLAB_INSTRUMENTATION; default " + DEFAULT + ").")
        .value(null, "startup-grace-ms", "<ms>", null, "Blocked episodes that begin this soon after start-up are not "
            + "counted (env LOOPLAB_STARTUP_GRACE_MS; default " + DEFAULT + ").")
        .value(null, "access-log", "on|off", null, "One line per request (method, URI, status, ms), written off the "
            + "event loop; lines that find the log's queue full are dropped and counted in /metrics (env "
            + "LOOPLAB_ACCESS_LOG; default " + DEFAULT + ").")
        .value(null, "header-timeout-ms", "<ms>", null, "A connection whose request head has not fully arrived this long "
            + "after it opened is closed; 0 = no limit (env LOOPLAB_HEADER_TIMEOUT_MS; default " + DEFAULT + ").")
        .value(null, "idle-timeout-ms", "<ms>", null, "A keep-alive connection with no new request for this long is "
            + "closed; 0 = no limit (env LOOPLAB_IDLE_TIMEOUT_MS; default " + DEFAULT + ").");
    DecisionsFlags.addTo(options);
    return options;
  }

  /** The configuration the options give; a value that cannot be read or is out of range is a usage error. */
  static ServerConfig config(OptionValues values) throws ParseException {
    int port = values.intIn("port", 0, 65_535);
    int instances = values.intIn("instances", 1, 1024);
    int taskMs = values.intIn("task-ms", 0, ServerConfig.MAX_TASK_MS);
    int workerPoolSize = values.intIn("worker-pool-size", 1, 10_000);
    long blockedCheckIntervalMs = values.longIn("blocked-check-interval-ms", 1, 3_600_000);
    long maxEventLoopMs = values.longIn("max-event-loop-ms", 1, 3_600_000);
    long warningExceptionMs = values.longIn("warning-exception-ms", 1, 3_600_000);
    long shutdownGraceMs = values.longIn("shutdown-grace-ms", 0, 3_600_000);
    int maxConcurrency = values.intIn("max-concurrency", 0, 100_000);
    Instrumentation instrumentation = values.parsed("instrumentation", Instrumentation::parse);
    long startupGraceMs = values.longIn("startup-grace-ms", 0, 3_600_000);
    boolean accessLog = values.parsed("access-log", OnOff::parse);
    long headerTimeoutMs = values.longIn("header-timeout-ms", 0, 3_600_000);
    long idleTimeoutMs = values.longIn("idle-timeout-ms", 0, 86_400_000);
    return new ServerConfig(values.text("host"), port, instances, taskMs, workerPoolSize, blockedCheckIntervalMs,
        maxEventLoopMs, warningExceptionMs, shutdownGraceMs, maxConcurrency, instrumentation, startupGraceMs, accessLog,
        headerTimeoutMs, idleTimeoutMs);
  }
}
