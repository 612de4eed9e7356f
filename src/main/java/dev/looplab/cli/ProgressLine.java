package dev.looplab.cli;

import dev.looplab.driver.CallLog;
import dev.looplab.driver.Progress;
import io.vertx.core.Vertx;
import java.io.PrintStream;

/** A live line on stderr while a run goes on: done / in flight / errors, elapsed. Terminal only. */
final class ProgressLine {
  private static final long EVERY_MS = 200;

  private final Vertx vertx;
  private final PrintStream err;
  private final long timerId;

  private ProgressLine(Vertx vertx, CallLog log, String label, PrintStream err) {
    this.vertx = vertx;
    this.err = err;
    this.timerId = vertx.setPeriodic(EVERY_MS, id -> draw(log, label));
  }

  /** Draws a line on stderr while a run goes on, when stderr is a terminal. */
  static final Progress ON_TERMINAL = (vertx, log, label) -> {
    if (!Terminal.interactive()) {
      return () -> {};
    }
    return new ProgressLine(vertx, log, label, System.err)::stop;
  };

  private void draw(CallLog log, String label) {
    err.printf("\r  %s %s: %d/%d done, %d in flight, %d error(s), %.1f s   ",
        label, log.plan().path(), log.endedCount(), log.plan().calls(), log.inFlight(), log.failedCount(), log.elapsedMs() / 1000);
    err.flush();
  }

  void stop() {
    vertx.cancelTimer(timerId);
    err.print("\r\033[2K");
    err.flush();
  }
}
