package dev.looplab.cli;

import java.util.concurrent.TimeUnit;

/**
 * The last resort of a shutdown: if the process is still alive at the deadline, it halts with exit
 * code 1, without shutdown hooks and without a word. When nobody reads the server's output (a
 * paused pager, a terminal after Ctrl-S), every log line blocks whoever writes it, logback's own
 * shutdown hook included; a process that waits to say why it is exiting would then never exit.
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
