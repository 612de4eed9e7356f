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
    return enter(route, requestId, eventLoop, null);
  }

  ThreadActivity enter(String route, String requestId, boolean eventLoop, LongAdder routeInFlight) {
    ThreadSlot slot = mine.get();
    if (slot == null) {
      slot = new ThreadSlot(Thread.currentThread(), eventLoop);
      mine.set(slot);
      slots.add(slot);
    }
    ThreadActivity activity = new ThreadActivity(route, requestId, System.nanoTime(), routeInFlight);
    slot.current = activity;
    return activity;
  }

  /** The calling thread's count of requests in flight on {@code route}; call after {@link #enter}. */
  AtomicInteger inFlightHere(String route) {
    return mine.get().inFlight.computeIfAbsent(route, r -> new AtomicInteger());
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
