package dev.looplab.observe;

/**
 * What one thread is doing for a request right now: set when a handler (or worker task) starts and
 * cleared when it returns. {@code reported} keeps the watcher from counting one long run twice.
 */
final class ThreadActivity {
  final String route;
  final String requestId;
  final long startNanos;
  volatile boolean reported;

  ThreadActivity(String route, String requestId, long startNanos) {
    this.route = route;
    this.requestId = requestId;
    this.startNanos = startNanos;
  }

  long runningNanos(long nowNanos) {
    return nowNanos - startNanos;
  }
}
