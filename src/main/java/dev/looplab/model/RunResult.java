package dev.looplab.model;

import java.time.Instant;
import java.util.List;

/**
 * The calls of one run, in index order. {@code complete} is false when the run was cut short
 * (Ctrl-C): then {@code calls} holds only the calls that had ended, and {@code wallMs} the time so far.
 */
public record RunResult(RunPlan plan, Mode mode, Instant startedAt, double wallMs, List<CallRecord> calls, boolean complete) {

  public RunResult {
    calls = List.copyOf(calls);
  }

  public int concurrency() {
    return mode == Mode.SYNC ? 1 : plan.inFlightLimit();
  }
}
