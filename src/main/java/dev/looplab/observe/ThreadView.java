package dev.looplab.observe;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The JVM's threads as {@code htop} would show them, from inside: name, state, CPU time, and for
 * the lab's event-loop and worker threads the request they are running right now.
 */
final class ThreadView {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  /** The order of the listing: the threads the lab is about first. */
  private static final List<String> KINDS =
      List.of("event-loop", "worker", "internal-blocking", "acceptor", "vertx-other", "jvm");

  private final ActivityBoard board;

  ThreadView(ActivityBoard board) {
    this.board = board;
  }

  JsonObject snapshot() {
    long now = System.nanoTime();
    ThreadInfo[] infos = THREADS.dumpAllThreads(false, false, 0);
    Arrays.sort(infos, Comparator.comparingInt((ThreadInfo t) -> KINDS.indexOf(kind(t.getThreadName())))
        .thenComparing(ThreadInfo::getThreadName));
    JsonArray threads = new JsonArray();
    for (ThreadInfo info : infos) {
      threads.add(describe(info, now));
    }
    return new JsonObject()
        .put("count", threads.size())
        .put("cpu_time_supported", THREADS.isThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled())
        .put("threads", threads);
  }

  private JsonObject describe(ThreadInfo info, long now) {
    long cpuNanos = THREADS.isThreadCpuTimeSupported() ? THREADS.getThreadCpuTime(info.getThreadId()) : -1;
    JsonObject thread = new JsonObject()
        .put("name", info.getThreadName())
        .put("id", info.getThreadId())
        .put("kind", kind(info.getThreadName()))
        .put("state", info.getThreadState().name())
        .put("cpu_ms", cpuNanos < 0 ? null : Math.round(cpuNanos / 1e4) / 100.0)
        .put("daemon", info.isDaemon());
    board.activityOf(info.getThreadId()).ifPresent(activity -> thread
        .put("route", activity.route)
        .put("request_id", activity.requestId)
        .put("running_ms", activity.runningNanos(now) / 1_000_000));
    return thread;
  }

  static String kind(String name) {
    if (name.startsWith("vert.x-eventloop-thread")) {
      return "event-loop";
    } else if (name.startsWith("vert.x-worker-thread")) {
      return "worker";
    } else if (name.startsWith("vert.x-internal-blocking")) {
      return "internal-blocking";
    } else if (name.startsWith("vert.x-acceptor-thread")) {
      return "acceptor";
    } else if (name.startsWith("vert.x-") || name.startsWith("vertx-") || name.startsWith("looplab-")) {
      return "vertx-other";
    }
    return "jvm";
  }
}
