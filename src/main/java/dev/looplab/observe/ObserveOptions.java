package dev.looplab.observe;

/**
 * How the lab watches its own event loops.
 *
 * @param enabled          false turns every probe, tracker and meter off (for overhead measurements)
 * @param vertxMeters Vert.x's own meters through vertx-micrometer: per-request HTTP server (vertx_http_server_*, about 9 µs CPU per request) and pools (vertx_pool_*)
 * @param probeIntervalMs  how often each loop's lag timer fires
 * @param windowSeconds    the sliding window over which lag percentiles are reported
 * @param blockedAfterMs   a loop inside one handler for longer than this is a blocked episode
 * @param checkIntervalMs  how often the watcher looks at the loops
 * @param startupGraceMs   episodes that begin this soon after start-up are not counted
 */
public record ObserveOptions(
    boolean enabled,
    boolean vertxMeters,
    long probeIntervalMs,
    int windowSeconds,
    long blockedAfterMs,
    long checkIntervalMs,
    long startupGraceMs) {

  public static final long DEFAULT_PROBE_INTERVAL_MS = 20;
  public static final int DEFAULT_WINDOW_SECONDS = 60;

  public static ObserveOptions disabled() {
    return new ObserveOptions(false, false, DEFAULT_PROBE_INTERVAL_MS, DEFAULT_WINDOW_SECONDS, 500, 500, 0);
  }

  /** The lab's choice: probe every 20 ms, a 60 s window, and the blocked-thread limits Vert.x is given. */
  public static ObserveOptions enabled(boolean vertxMeters, long blockedAfterMs, long checkIntervalMs,
                                       long startupGraceMs) {
    return new ObserveOptions(true, vertxMeters, DEFAULT_PROBE_INTERVAL_MS, DEFAULT_WINDOW_SECONDS,
        blockedAfterMs, checkIntervalMs, startupGraceMs);
  }
}
