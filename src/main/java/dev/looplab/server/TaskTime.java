package dev.looplab.server;

import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/** Reads the optional {@code ?ms=N} that overrides the task time of one request. */
public final class TaskTime {
  /** Digits only: no sign, no spaces, no hex; a value the lab would silently read some other way is refused. */
  private static final Pattern PLAIN_NUMBER = Pattern.compile("[0-9]{1,5}");

  private TaskTime() {}

  public static int of(RoutingContext rc, int defaultMs) {
    String raw = rc.queryParams().get("ms");
    if (raw == null) {
      return defaultMs;
    }
    if (PLAIN_NUMBER.matcher(raw).matches()) {
      int ms = Integer.parseInt(raw);
      if (ms <= ServerConfig.MAX_TASK_MS) {
        return ms;
      }
    }
    throw new BadRequestException(
        "ms must be a whole number of milliseconds from 0 to " + ServerConfig.MAX_TASK_MS + ", got '" + raw + "'");
  }
}
