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
    Instrumentation instrumentation,
    long startupGraceMs) {

  public static final int MAX_TASK_MS = 60_000;

  public static ServerConfig defaults() {
    return new ServerConfig("127.0.0.1", 8080, 1, 2000, 20, 500, 500, 1000, 10_000, Instrumentation.ON, 2000);
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort, instances, taskMs, workerPoolSize,
        blockedCheckIntervalMs, maxEventLoopMs, warningExceptionMs, shutdownGraceMs,
        instrumentation, startupGraceMs);
  }

  public ServerConfig withTaskMs(int newTaskMs) {
    return new ServerConfig(host, port, instances, newTaskMs, workerPoolSize,
        blockedCheckIntervalMs, maxEventLoopMs, warningExceptionMs, shutdownGraceMs,
        instrumentation, startupGraceMs);
  }

  public ServerConfig withInstances(int newInstances) {
    return new ServerConfig(host, port, newInstances, taskMs, workerPoolSize,
        blockedCheckIntervalMs, maxEventLoopMs, warningExceptionMs, shutdownGraceMs,
        instrumentation, startupGraceMs);
  }

  public ServerConfig withWorkerPoolSize(int newSize) {
    return new ServerConfig(host, port, instances, taskMs, newSize,
        blockedCheckIntervalMs, maxEventLoopMs, warningExceptionMs, shutdownGraceMs,
        instrumentation, startupGraceMs);
  }

  public ServerConfig withBlockedThreadChecks(long intervalMs, long maxLoopMs, long exceptionMs) {
    return new ServerConfig(host, port, instances, taskMs, workerPoolSize,
        intervalMs, maxLoopMs, exceptionMs, shutdownGraceMs,
        instrumentation, startupGraceMs);
  }

  /** Off: no lag probes, blocked-loop attribution, meters or Server-Timing, for overhead measurements. */
  public ServerConfig withInstrumentation(Instrumentation newInstrumentation) {
    return new ServerConfig(host, port, instances, taskMs, workerPoolSize,
        blockedCheckIntervalMs, maxEventLoopMs, warningExceptionMs, shutdownGraceMs, newInstrumentation, startupGraceMs);
  }

  public ServerConfig withStartupGraceMs(long graceMs) {
    return new ServerConfig(host, port, instances, taskMs, workerPoolSize,
        blockedCheckIntervalMs, maxEventLoopMs, warningExceptionMs, shutdownGraceMs, instrumentation, graceMs);
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
        .put("instrumentation", instrumentation.label())
        .put("startup_grace_ms", startupGraceMs);
  }
}
