package dev.looplab.cli;

import dev.looplab.model.CallRecord;
import dev.looplab.model.ErrorKind;
import dev.looplab.model.RunResult;
import java.io.PrintWriter;
import java.util.List;

/**
 * The exit codes of {@code experiment} and {@code suite}, and the lines of their help that list
 * them. A 429 is not a failed call: it is a capacity limit's answer, which the model predicts.
 */
final class ExitCodes {
  static final int OK = 0;
  static final int NO_SERVER = 1;
  static final int USAGE = 2;
  static final int BLOCKED = 3;
  static final int SOME_CALLS_FAILED = 4;
  static final int ALL_CALLS_FAILED = 5;

  private static final String OK_LINE = "0:every call answered (a 429 counts as an answer: a capacity limit said no)";
  private static final String NO_SERVER_LINE = "1:no server answered the probe within --timeout-ms, a result file could not be written, "
      + "or --fail-on-blocked could not read the server's figures";
  private static final String USAGE_LINE = "2:usage error: a bad option, base URL or output file (checked before any call)";
  private static final String BLOCKED_LINE = "3:--fail-on-blocked: the server recorded blocked event-loop episodes (4 and 5 take precedence)";
  private static final String SOME_LINE = "4:some calls failed (no answer, timeout, or an error status other than 429); results written";
  private static final String ALL_LINE = "5:every call failed; results written";
  private static final String INTERRUPTED_LINE = "130:interrupted (Ctrl-C); the calls done so far are written, marked incomplete";
  /** The exit codes of {@code experiment} and {@code suite}, as their help lists them. */
  static final List<String> CLIENT_LINES = List.of(OK_LINE, NO_SERVER_LINE, USAGE_LINE, BLOCKED_LINE, SOME_LINE, ALL_LINE,
      INTERRUPTED_LINE);

  private ExitCodes() {}

  /** A call failed: no answer at all, or an error status other than 429. */
  static boolean failed(CallRecord call) {
    return !call.ok() && call.error() != ErrorKind.THROTTLED;
  }

  /** 4 or 5 when calls failed (saying so in one line on {@code err}), else {@code otherwise}. */
  static int forCalls(List<RunResult> runs, PrintWriter err, int otherwise) {
    List<CallRecord> calls = runs.stream().flatMap(run -> run.calls().stream()).toList();
    long failed = calls.stream().filter(ExitCodes::failed).count();
    if (failed == 0) {
      return otherwise;
    }
    err.println("looplab: " + failed + " of " + calls.size() + " calls failed");
    err.flush();
    return failed == calls.size() ? ALL_CALLS_FAILED : SOME_CALLS_FAILED;
  }
}
