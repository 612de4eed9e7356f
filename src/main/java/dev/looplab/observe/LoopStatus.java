package dev.looplab.observe;

import java.util.Map;

/**
 * One event loop as the live page shows it, read from any thread.
 *
 * @param thread     the loop's thread name
 * @param lagMs      the worst timer lateness since the reader's last look, including a tick overdue right now
 * @param route      the route whose handler holds the loop now, or null when it is free
 * @param requestId  that request's id, or null
 * @param runningMs  how long that handler has held the loop, 0 when free
 * @param inFlight   requests begun on this loop and not yet answered, by route (zeros left out)
 */
public record LoopStatus(String thread, double lagMs, String route, String requestId, long runningMs,
                         Map<String, Integer> inFlight) {

  public LoopStatus {
    inFlight = Map.copyOf(inFlight);
  }
}
