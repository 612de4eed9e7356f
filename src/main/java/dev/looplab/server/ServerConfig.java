package dev.looplab.server;

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
    int maxConcurrency) {

  public static final int MAX_TASK_MS = 60_000;

  public static ServerConfig defaults() {
    return new ServerConfig("127.0.0.1", 8080, 1, 2000, 20, 500, 500, 1000, 10_000, 0);
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort, instances, taskMs, workerPoolSize,
        blockedCheckIntervalMs, maxEventLoopMs, warningExceptionMs, shutdownGraceMs, maxConcurrency);
  }

  public ServerConfig withTaskMs(int newTaskMs) {
    return new ServerConfig(host, port, instances, newTaskMs, workerPoolSize,
        blockedCheckIntervalMs, maxEventLoopMs, warningExceptionMs, shutdownGraceMs, maxConcurrency);
  }

  public ServerConfig withInstances(int newInstances) {
    return new ServerConfig(host, port, newInstances, taskMs, workerPoolSize,
        blockedCheckIntervalMs, maxEventLoopMs, warningExceptionMs, shutdownGraceMs, maxConcurrency);
  }

  public ServerConfig withWorkerPoolSize(int newSize) {
    return new ServerConfig(host, port, instances, taskMs, newSize,
        blockedCheckIntervalMs, maxEventLoopMs, warningExceptionMs, shutdownGraceMs, maxConcurrency);
  }

  public ServerConfig withBlockedThreadChecks(long intervalMs, long maxLoopMs, long exceptionMs) {
    return new ServerConfig(host, port, instances, taskMs, workerPoolSize,
        intervalMs, maxLoopMs, exceptionMs, shutdownGraceMs, maxConcurrency);
  }

  public ServerConfig withShutdownGraceMs(long graceMs) {
    return new ServerConfig(host, port, instances, taskMs, workerPoolSize,
        blockedCheckIntervalMs, maxEventLoopMs, warningExceptionMs, graceMs, maxConcurrency);
  }

  /** At most this many requests in flight in this process, beyond it 429; 0 means no limit. */
  public ServerConfig withMaxConcurrency(int limit) {
    return new ServerConfig(host, port, instances, taskMs, workerPoolSize,
        blockedCheckIntervalMs, maxEventLoopMs, warningExceptionMs, shutdownGraceMs, limit);
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
        .put("max_concurrency", maxConcurrency);
  }
}
