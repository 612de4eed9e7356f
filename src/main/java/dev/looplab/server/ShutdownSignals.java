package dev.looplab.server;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * Takes over SIGTERM and SIGINT so the server can drain and exit 0 (the JVM's own handling would
 * exit 143). The action runs once, whichever signal comes first.
 */
public final class ShutdownSignals {
  private ShutdownSignals() {}

  public static void onTermination(Consumer<String> action) {
    AtomicBoolean fired = new AtomicBoolean();
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), signal -> {
        if (fired.compareAndSet(false, true)) {
          action.accept(signal.getName());
        }
      });
    }
  }
}
