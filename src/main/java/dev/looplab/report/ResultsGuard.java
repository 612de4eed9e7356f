package dev.looplab.report;

/**
 * Makes sure results reach disk once, whole, even on Ctrl-C. A shutdown hook runs the current
 * "write what we have, marked incomplete" action; a normal write clears it under the same lock, so
 * the hook and a normal write never interleave and never both write.
 */
public final class ResultsGuard implements AutoCloseable {
  private final Object lock = new Object();
  private final Thread hook = new Thread(this::onShutdown, "looplab-results-on-exit");
  private Runnable onInterrupt;

  public ResultsGuard() {
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** What to write if the JVM is stopped from now on. */
  public void onInterrupt(Runnable partialWrite) {
    synchronized (lock) {
      onInterrupt = partialWrite;
    }
  }

  /** Writes now; an interrupt arriving meanwhile waits for this write, then writes only what {@code next} says. */
  public void write(Runnable write, Runnable next) {
    synchronized (lock) {
      onInterrupt = null;
      write.run();
      onInterrupt = next;
    }
  }

  private void onShutdown() {
    synchronized (lock) {
      if (onInterrupt != null) {
        Runnable partial = onInterrupt;
        onInterrupt = null;
        partial.run();
      }
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      onInterrupt = null;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook runs and finds nothing to do
    }
  }
}
