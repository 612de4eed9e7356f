package dev.looplab.server;

import dev.looplab.observe.Instrumentation;
import io.vertx.core.json.JsonObject;

/**
 * Everything the server is told at start-up. The defaults live here and nowhere else; the command
 * line and the environment both feed this record, and the verticle reads it once.
 *
 * <p>The blocked-thread defaults are chosen so that a 2 s sleep on the loop is always reported, with
 * its stack trace: a check every 500 ms can never miss a block that spans 4 of them.
 */
public record ServerConfig(
    String host,
    int port,
    int instances,
    int taskMs,
    int workerPoolSize,
    long blockedCheckIntervalMs,
    long maxEventLoopMs,
    long warningExceptionMs,
    long shutdownGraceMs,
    int maxConcurrency,
    Instrumentation instrumentation,
    long startupGraceMs,
    boolean accessLog,
    long headerTimeoutMs,
    long idleTimeoutMs) {

  public static final int MAX_TASK_MS = 60_000;

  public static ServerConfig defaults() {
    return new ServerConfig("127.0.0.1", 8080, 1, 2000, 20, 500, 500, 1000, 10_000, 0, Instrumentation.ON, 2000, true,
        10_000, 60_000);
  }

  public ServerConfig withPort(int newPort) {
    return edit().port(newPort).done();
  }

  public ServerConfig withTaskMs(int newTaskMs) {
    return edit().taskMs(newTaskMs).done();
  }

  public ServerConfig withInstances(int newInstances) {
    return edit().instances(newInstances).done();
  }

  public ServerConfig withWorkerPoolSize(int newSize) {
    return edit().workerPoolSize(newSize).done();
  }

  public ServerConfig withBlockedThreadChecks(long intervalMs, long maxLoopMs, long exceptionMs) {
    return edit().blockedThreadChecks(intervalMs, maxLoopMs, exceptionMs).done();
  }

  public ServerConfig withShutdownGraceMs(long graceMs) {
    return edit().shutdownGraceMs(graceMs).done();
  }

  /** At most this many requests in flight in this process, beyond it 429; 0 means no limit. */
  public ServerConfig withMaxConcurrency(int limit) {
    return edit().maxConcurrency(limit).done();
  }

  /** Off: no lag probes, blocked-loop attribution, meters or Server-Timing, for overhead measurements. */
  public ServerConfig withInstrumentation(Instrumentation newInstrumentation) {
    return edit().instrumentation(newInstrumentation).done();
  }

  public ServerConfig withStartupGraceMs(long graceMs) {
    return edit().startupGraceMs(graceMs).done();
  }

  /** Off: no access line per request (the access log is asynchronous either way). */
  public ServerConfig withAccessLog(boolean on) {
    return edit().accessLog(on).done();
  }

  private Editor edit() {
    return new Editor(this);
  }

  /** The configuration as {@code /info} shows it. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("host", host)
        .put("port", port)
        .put("instances", instances)
        .put("task_ms", taskMs)
        .put("worker_pool_size", workerPoolSize)
        .put("blocked_check_interval_ms", blockedCheckIntervalMs)
        .put("max_event_loop_ms", maxEventLoopMs)
        .put("warning_exception_ms", warningExceptionMs)
        .put("shutdown_grace_ms", shutdownGraceMs)
        .put("max_concurrency", maxConcurrency)
        .put("instrumentation", instrumentation.label())
        .put("startup_grace_ms", startupGraceMs)
        .put("access_log", accessLog ? "on" : "off")
        .put("header_timeout_ms", headerTimeoutMs)
        .put("idle_timeout_ms", idleTimeoutMs);
  }

  /** A copy with some fields changed, so each {@code withX} names only what it changes. */
  private static final class Editor {
    private String host;
    private int port;
    private int instances;
    private int taskMs;
    private int workerPoolSize;
    private long blockedCheckIntervalMs;
    private long maxEventLoopMs;
    private long warningExceptionMs;
    private long shutdownGraceMs;
    private int maxConcurrency;
    private Instrumentation instrumentation;
    private long startupGraceMs;
    private boolean accessLog;
    private long headerTimeoutMs;
    private long idleTimeoutMs;

    Editor(ServerConfig from) {
      host = from.host;
      port = from.port;
      instances = from.instances;
      taskMs = from.taskMs;
      workerPoolSize = from.workerPoolSize;
      blockedCheckIntervalMs = from.blockedCheckIntervalMs;
      maxEventLoopMs = from.maxEventLoopMs;
      warningExceptionMs = from.warningExceptionMs;
      shutdownGraceMs = from.shutdownGraceMs;
      maxConcurrency = from.maxConcurrency;
      instrumentation = from.instrumentation;
      startupGraceMs = from.startupGraceMs;
      accessLog = from.accessLog;
      headerTimeoutMs = from.headerTimeoutMs;
      idleTimeoutMs = from.idleTimeoutMs;
    }

    Editor port(int value) {
      port = value;
      return this;
    }

    Editor taskMs(int value) {
      taskMs = value;
      return this;
    }

    Editor instances(int value) {
      instances = value;
      return this;
    }

    Editor workerPoolSize(int value) {
      workerPoolSize = value;
      return this;
    }

    Editor blockedThreadChecks(long intervalMs, long maxLoopMs, long exceptionMs) {
      blockedCheckIntervalMs = intervalMs;
      maxEventLoopMs = maxLoopMs;
      warningExceptionMs = exceptionMs;
      return this;
    }

    Editor shutdownGraceMs(long value) {
      shutdownGraceMs = value;
      return this;
    }

    Editor maxConcurrency(int value) {
      maxConcurrency = value;
      return this;
    }

    Editor instrumentation(Instrumentation value) {
      instrumentation = value;
      return this;
    }

    Editor startupGraceMs(long value) {
      startupGraceMs = value;
      return this;
    }

    Editor accessLog(boolean value) {
      accessLog = value;
      return this;
    }

    ServerConfig done() {
      return new ServerConfig(host, port, instances, taskMs, workerPoolSize, blockedCheckIntervalMs,
          maxEventLoopMs, warningExceptionMs, shutdownGraceMs, maxConcurrency, instrumentation, startupGraceMs, accessLog,
          headerTimeoutMs, idleTimeoutMs);
    }
  }
}
