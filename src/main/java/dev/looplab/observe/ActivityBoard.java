package dev.looplab.observe;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Which request each event-loop and worker thread is running. Each thread writes only its own slot
 * (found through a thread-local, so no shared map on the request path); readers walk the list.
 */
final class ActivityBoard {
  private final List<ThreadSlot> slots = new CopyOnWriteArrayList<>();
  private final ThreadLocal<ThreadSlot> mine = new ThreadLocal<>();

  ThreadActivity enter(String route, String requestId, boolean eventLoop) {
    return enter(slotHere(eventLoop), new ThreadActivity(route, requestId, System.nanoTime(), null, null));
  }

  /**
   * A request's route starts on this event loop: counted until its response ends in the route's
   * gauge and in this loop's own count by route (read by the live page).
   */
  ThreadActivity enterRequest(String route, String requestId, LongAdder routeInFlight, long startNanos) {
    ThreadSlot slot = slotHere(true);
    AtomicInteger loopInFlight = slot.inFlight.computeIfAbsent(route, r -> new AtomicInteger());
    routeInFlight.increment();
    loopInFlight.incrementAndGet();
    return enter(slot, new ThreadActivity(route, requestId, startNanos, routeInFlight, loopInFlight));
  }

  private ThreadSlot slotHere(boolean eventLoop) {
    ThreadSlot slot = mine.get();
    if (slot == null) {
      slot = new ThreadSlot(Thread.currentThread(), eventLoop);
      mine.set(slot);
      slots.add(slot);
    }
    return slot;
  }

  private static ThreadActivity enter(ThreadSlot slot, ThreadActivity activity) {
    slot.current = activity;
    return activity;
  }

  /** True while the calling thread is already attributed to a request. */
  boolean busyHere() {
    ThreadSlot slot = mine.get();
    return slot != null && slot.current != null;
  }

  void exit(ThreadActivity activity) {
    ThreadSlot slot = mine.get();
    if (slot != null && slot.current == activity) {
      slot.current = null;
    }
  }

  List<ThreadSlot> slots() {
    return slots;
  }

  Optional<ThreadActivity> activityOf(long threadId) {
    for (ThreadSlot slot : slots) {
      if (slot.thread.getId() == threadId) {
        return Optional.ofNullable(slot.current);
      }
    }
    return Optional.empty();
  }
}
