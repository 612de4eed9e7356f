package dev.looplab.driver;

import dev.looplab.model.CallRecord;
import dev.looplab.model.Mode;
import dev.looplab.model.RunPlan;
import dev.looplab.model.RunResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The calls of a run as they end. Written on the driver's event loop, read by the progress line and,
 * on Ctrl-C, by the shutdown hook, hence the atomics.
 */
public final class CallLog {
  private final RunPlan plan;
  private final Mode mode;
  private final Instant startedAt = Instant.now();
  private final long startNanos = System.nanoTime();
  private final AtomicReferenceArray<CallRecord> records;
  /** When each call was sent, in µs from the start plus one (0: not sent yet); for a live view of the run. */
  private final AtomicLongArray startMicros;
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger ended = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private volatile long endNanos;

  public CallLog(RunPlan plan, Mode mode) {
    this.plan = plan;
    this.mode = mode;
    this.records = new AtomicReferenceArray<>(plan.calls());
    this.startMicros = new AtomicLongArray(plan.calls());
  }

  /** Milliseconds since the run started, kept to the microsecond. */
  public double elapsedMs() {
    return millis(System.nanoTime() - startNanos);
  }

  void started(int index, double startMs) {
    startMicros.set(index, Math.round(startMs * 1000) + 1);
    started.incrementAndGet();
  }

  /** When call {@code index} was sent (ms from the start), or NaN if it has not been sent yet. */
  public double startMs(int index) {
    long micros = startMicros.get(index);
    return micros == 0 ? Double.NaN : (micros - 1) / 1000.0;
  }

  /** Call {@code index} once it has ended, else null. */
  public CallRecord ended(int index) {
    return records.get(index);
  }

  public Mode mode() {
    return mode;
  }

  /** Returns true when this was the last call of the run. */
  boolean ended(CallRecord record) {
    records.set(record.index(), record);
    if (!record.ok()) {
      failed.incrementAndGet();
    }
    boolean last = ended.incrementAndGet() == plan.calls();
    if (last) {
      endNanos = System.nanoTime();
    }
    return last;
  }

  public int endedCount() {
    return ended.get();
  }

  public int inFlight() {
    return started.get() - ended.get();
  }

  public int failedCount() {
    return failed.get();
  }

  public RunPlan plan() {
    return plan;
  }

  /** The run so far; complete only once every call has ended. */
  public RunResult snapshot() {
    long end = endNanos;
    boolean complete = end != 0;
    List<CallRecord> done = new ArrayList<>(ended.get());
    for (int i = 0; i < records.length(); i++) {
      CallRecord r = records.get(i);
      if (r != null) {
        done.add(r);
      }
    }
    double wall = complete ? millis(end - startNanos) : elapsedMs();
    return new RunResult(plan, mode, startedAt, wall, done, complete);
  }

  static double millis(long nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }
}
