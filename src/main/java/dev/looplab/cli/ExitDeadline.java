package dev.looplab.cli;

import java.util.concurrent.TimeUnit;

/**
 * The last resort of a shutdown: if the process is still alive at the deadline, it halts with exit
 * code 1, without shutdown hooks and without a word: a shutdown that never reports (an Error thrown
 * inside a callback, a loop blocked for good) must not leave the process running for ever, and
 * hooks that wait on such a process would keep it alive too.
 */
final class ExitDeadline {
  private ExitDeadline() {}

  static void arm(long afterMs) {
    Thread deadline = new Thread(() -> {
      try {
        TimeUnit.MILLISECONDS.sleep(afterMs);
      } catch (InterruptedException e) {
        return;
      }
      Runtime.getRuntime().halt(1);
    }, "looplab-exit-deadline");
    deadline.setDaemon(true);
    deadline.start();
  }
}
