package dev.looplab.observe;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The JVM's recent stop-the-world GC pauses, learnt from GC notifications, so that a stall that
 * a pause explains is marked as such rather than blamed on the route that happened to be running.
 * Times are {@link System#nanoTime()}, the clock episodes are timed with. A notification's own
 * timestamps count from a JVM start that differs from {@code RuntimeMXBean}'s by tens of ms, so a
 * pause is placed as ending when its notification arrives (milliseconds after the pause ends,
 * which errs towards marking) and starting its duration before. One per JVM.
 */
final class GcPauses {
  private static final int KEPT = 256;
  private static final GcPauses JVM = new GcPauses();

  static {
    JVM.listen();
  }

  private final Deque<long[]> pauses = new ArrayDeque<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private long seen;

  /** A log of its own, fed only by {@link #record}: for tests. */
  GcPauses() {}

  private void listen() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter && !isConcurrentCycle(gc.getName())) {
        emitter.addNotificationListener((notification, handback) -> {
          if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            long endNanos = System.nanoTime();
            var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
            record(endNanos - info.getDuration() * 1_000_000, endNanos);
          }
        }, null, null);
      }
    }
  }

  static GcPauses jvm() {
    return JVM;
  }

  /** Concurrent collectors report their cycles separately from their pauses; only pauses stop a loop. */
  static boolean isConcurrentCycle(String collectorName) {
    String name = collectorName.toLowerCase(Locale.ROOT);
    return name.contains("concurrent") || name.contains("cycles");
  }

  void record(long startNanos, long endNanos) {
    synchronized (this) {
      if (pauses.size() == KEPT) {
        pauses.removeFirst();
      }
      pauses.addLast(new long[] {startNanos, endNanos});
      seen++;
    }
    listeners.forEach(Runnable::run);
  }

  /** Called after each pause is recorded (tests wait on it instead of sleeping). */
  void onPause(Runnable listener) {
    listeners.add(listener);
  }

  /** How long the known pauses cover of [from, to] (nanoTime): 0 when none overlaps it. */
  synchronized long pausedNanos(long fromNanos, long toNanos) {
    long paused = 0;
    for (long[] pause : pauses) {
      long start = pause[0] - fromNanos > 0 ? pause[0] : fromNanos;
      long end = pause[1] - toNanos < 0 ? pause[1] : toNanos;
      if (end - start > 0) {
        paused += end - start;
      }
    }
    return paused;
  }

  synchronized long seen() {
    return seen;
  }
}
