package dev.looplab.server;

import io.vertx.ext.web.RoutingContext;

/** Reads the optional {@code ?ms=N} that overrides the task time of one request. */
public final class TaskTime {
  private TaskTime() {}

  public static int of(RoutingContext rc, int defaultMs) {
    String raw = rc.queryParams().get("ms");
    if (raw == null) {
      return defaultMs;
    }
    try {
      int ms = Integer.parseInt(raw.trim());
      if (ms >= 0 && ms <= ServerConfig.MAX_TASK_MS) {
        return ms;
      }
    } catch (NumberFormatException e) {
      // reported below, with the value that was given
    }
    throw new BadRequestException(
        "ms must be a whole number of milliseconds from 0 to " + ServerConfig.MAX_TASK_MS + ", got '" + raw + "'");
  }
}
