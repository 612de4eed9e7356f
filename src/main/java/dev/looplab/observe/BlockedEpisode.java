package dev.looplab.observe;

import java.util.List;

/**
 * An event loop found inside one request's handler for longer than the limit.
 *
 * @param blockedMs    how long the handler had been running when the watcher saw it
 * @param topFrame     the frame the thread was in (often a JDK call such as {@code Thread.sleep})
 * @param projectFrames the top frames of the thread's stack that are the lab's own code
 * @param duringGc     GC pauses explain the episode (less them, the handler stayed under the limit)
 * @param endedUnseen  the handler returned before the watcher looked: the time is exact, the stack unknown
 */
public record BlockedEpisode(
    String route,
    String requestId,
    String thread,
    long blockedMs,
    String topFrame,
    List<String> projectFrames,
    boolean duringGc,
    boolean endedUnseen) {

  /** The one log line: which loop, which request, for how long, and which line of ours. */
  public String describe() {
    StringBuilder line = new StringBuilder()
        .append("event loop ").append(thread).append(" blocked for ").append(blockedMs)
        .append(endedUnseen ? " ms" : " ms so far")
        .append(" by route=").append(route)
        .append(" request_id=").append(requestId)
        .append(" gc_overlap=").append(duringGc);
    if (topFrame != null) {
      line.append(" in ").append(topFrame);
    }
    if (!projectFrames.isEmpty()) {
      line.append(" at ").append(String.join(" <- ", projectFrames));
    }
    if (endedUnseen) {
      line.append(" (the handler returned between two checks, so its stack was not taken)");
    }
    return line.toString();
  }
}
