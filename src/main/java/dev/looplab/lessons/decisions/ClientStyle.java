package dev.looplab.lessons.decisions;

import dev.looplab.server.BadRequestException;
import java.util.Locale;

/** How {@code /decisions} talks to its databases: the three ways the lecture compares. */
enum ClientStyle {
  /** Blocking drivers (JDBC, Jedis) called on the event loop: every request on that loop waits. */
  LOOP,
  /** The same blocking drivers on Vert.x's worker pool, through bounded pools (HikariCP, JedisPool). */
  WORKER,
  /** Vert.x's own PostgreSQL and Redis clients: the loop never waits. */
  REACTIVE;

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code ?client=}; the loop when absent, as the lab's other routes default to the loop. */
  static ClientStyle of(String raw) {
    if (raw == null) {
      return LOOP;
    }
    for (ClientStyle style : values()) {
      if (style.label().equals(raw.trim().toLowerCase(Locale.ROOT))) {
        return style;
      }
    }
    throw new BadRequestException("client must be one of loop, worker, reactive, got '" + raw + "'");
  }
}
