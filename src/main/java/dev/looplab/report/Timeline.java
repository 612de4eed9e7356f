package dev.looplab.report;

import java.util.List;

/**
 * What the timeline picture shows: one bar per call, grouped in lanes, under a title and a few
 * lines of text. Plain values only, so any experiment driver can fill it.
 *
 * @param summary lines above the picture (the run's statistics, predicted versus measured)
 * @param server  lines about the server during the run (lag, blocked episodes); may be empty
 */
public record Timeline(String title, List<String> summary, List<String> server, List<Call> calls) {

  public Timeline {
    summary = List.copyOf(summary);
    server = List.copyOf(server);
    calls = List.copyOf(calls);
  }

  /**
   * One call of the run.
   *
   * @param index   the call's number in the run (0-based or 1-based, as the driver counts)
   * @param startMs when the call was sent, in ms from the start of the run
   * @param endMs   when its answer (or failure) came back, in ms from the start of the run
   * @param status  HTTP status as text ("200", "503"), or a short failure word ("timeout", "error")
   * @param lane    what the bar is grouped by: the server thread that did the work, or the instance
   * @param detail  one line shown when the bar is hovered (request id, thread, queue time...); may be empty
   */
  public record Call(int index, double startMs, double endMs, String status, String lane, String detail) {
    public double durationMs() {
      return endMs - startMs;
    }
  }
}
