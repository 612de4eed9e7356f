package dev.looplab.observe;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** One thread's current activity, readable from any thread (the watcher, {@code /threads}). */
final class ThreadSlot {
  final Thread thread;
  final boolean eventLoop;
  volatile ThreadActivity current;
  /** Requests begun on this loop and not yet ended, by route; counted by the loop itself, read by the live page. */
  final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

  ThreadSlot(Thread thread, boolean eventLoop) {
    this.thread = thread;
    this.eventLoop = eventLoop;
  }
}
