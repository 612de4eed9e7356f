package dev.looplab.live;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;

/** The last minute of ticks' lag points, for a page that opens now. Only the snapshot thread touches it. */
final class LagHistory {
  private final int capacity;
  private final Deque<JsonObject> points = new ArrayDeque<>();

  LagHistory(long windowMs, long tickMs) {
    this.capacity = (int) (windowMs / tickMs);
  }

  /** One tick: its time (epoch ms) and each loop's worst lag since the tick before. */
  void add(JsonObject point) {
    points.addLast(point);
    if (points.size() > capacity) {
      points.removeFirst();
    }
  }

  JsonArray toJson() {
    return new JsonArray(points.stream().map(Object.class::cast).toList());
  }
}
