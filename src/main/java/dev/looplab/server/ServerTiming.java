package dev.looplab.server;

/**
 * The standard {@code Server-Timing} header, which browser dev tools draw next to the request:
 * {@code queue} (waiting for a worker thread) and {@code exec} (the task on the worker) for routes
 * that use the worker pool, {@code exec} (the whole handling) for the others. {@link EveryRequest}
 * adds it as the headers go out.
 */
final class ServerTiming {
  static final String HEADER = "Server-Timing";

  private ServerTiming() {}

  static String header(RouteRun run, long arrivedNanos, long nowNanos) {
    long workerStart = run == null ? 0 : run.workerStartNanos();
    if (workerStart == 0) {
      return metric("exec", nowNanos - arrivedNanos, "handling on the event loop");
    }
    return metric("queue", workerStart - run.startNanos(), "waiting for a worker thread")
        + ", " + metric("exec", nowNanos - workerStart, "task on the worker");
  }

  /** By hand rather than String.format: this runs on every response. */
  private static String metric(String name, long nanos, String description) {
    long micros = Math.max(0, nanos) / 1_000;
    long fraction = micros % 1_000;
    return name + ";dur=" + micros / 1_000 + (fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".") + fraction
        + ";desc=\"" + description + "\"";
  }
}
