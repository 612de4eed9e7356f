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
 * overlaps one is marked as such rather than blamed on the route that happened to be running.
 * Times are JVM uptime in milliseconds, the clock the notifications use. One per JVM.
 */
final class GcPauses {
  private static final int KEPT = 256;
  private static final GcPauses JVM = new GcPauses();

  private final Deque<long[]> pauses = new ArrayDeque<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private long seen;

  private GcPauses() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter && !isConcurrentCycle(gc.getName())) {
        emitter.addNotificationListener((notification, handback) -> {
          if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
            record(info.getStartTime(), info.getEndTime());
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

  void record(long startUptimeMs, long endUptimeMs) {
    synchronized (this) {
      if (pauses.size() == KEPT) {
        pauses.removeFirst();
      }
      pauses.addLast(new long[] {startUptimeMs, endUptimeMs});
      seen++;
    }
    listeners.forEach(Runnable::run);
  }

  /** Called after each pause is recorded (tests wait on it instead of sleeping). */
  void onPause(Runnable listener) {
    listeners.add(listener);
  }

  /** Whether any known pause overlaps [from, to] (uptime ms, inclusive). */
  synchronized boolean overlaps(long fromUptimeMs, long toUptimeMs) {
    for (long[] pause : pauses) {
      if (pause[0] <= toUptimeMs && pause[1] >= fromUptimeMs) {
        return true;
      }
    }
    return false;
  }

  synchronized long seen() {
    return seen;
  }

  static long uptimeMs() {
    return ManagementFactory.getRuntimeMXBean().getUptime();
  }
}
