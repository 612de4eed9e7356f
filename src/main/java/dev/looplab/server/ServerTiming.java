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
    StringBuilder header = new StringBuilder(112);
    long workerStart = run == null ? 0 : run.workerStartNanos();
    if (workerStart == 0) {
      return metric(header, "exec", nowNanos - arrivedNanos, "handling on the event loop").toString();
    }
    metric(header, "queue", workerStart - run.startNanos(), "waiting for a worker thread").append(", ");
    return metric(header, "exec", nowNanos - workerStart, "task on the worker").toString();
  }

  /** By hand rather than String.format, into one buffer of the right size: this runs on every response. */
  private static StringBuilder metric(StringBuilder header, String name, long nanos, String description) {
    long micros = Math.max(0, nanos) / 1_000;
    long fraction = micros % 1_000;
    return header.append(name).append(";dur=").append(micros / 1_000)
        .append(fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".").append(fraction)
        .append(";desc=\"").append(description).append('"');
  }
}
