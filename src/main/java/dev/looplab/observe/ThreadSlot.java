package dev.looplab.observe;

/** One thread's current activity, readable from any thread (the watcher, {@code /threads}). */
final class ThreadSlot {
  final Thread thread;
  final boolean eventLoop;
  volatile ThreadActivity current;

  ThreadSlot(Thread thread, boolean eventLoop) {
    this.thread = thread;
    this.eventLoop = eventLoop;
  }
}
