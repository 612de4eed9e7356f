package dev.looplab.observe;

import java.util.HashMap;
import java.util.Map;

/** Reads one loop's slot on the board into a {@link LoopStatus}. */
final class LoopStatusReader {
  private LoopStatusReader() {}

  static LoopStatus read(String loop, double lagMs, ActivityBoard board, long nowNanos) {
    for (ThreadSlot slot : board.slots()) {
      if (slot.eventLoop && slot.thread.getName().equals(loop)) {
        ThreadActivity activity = slot.current;
        Map<String, Integer> inFlight = new HashMap<>();
        slot.inFlight.forEach((route, count) -> {
          if (count.get() > 0) {
            inFlight.put(route, count.get());
          }
        });
        return activity == null
            ? new LoopStatus(loop, lagMs, null, null, 0, inFlight)
            : new LoopStatus(loop, lagMs, activity.route, activity.requestId, activity.runningNanos(nowNanos) / 1_000_000, inFlight);
      }
    }
    return new LoopStatus(loop, lagMs, null, null, 0, Map.of()); // no request has reached this loop yet
  }
}
