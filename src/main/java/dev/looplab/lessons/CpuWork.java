package dev.looplab.lessons;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CPU-bound work in fixed units, calibrated once per JVM so that a request for N ms asks for about
 * N ms of CPU time. The amount of work is fixed, not the time: when jobs share a core, each takes
 * longer, which is exactly what the CPU experiments must show.
 */
public final class CpuWork {
  private static final Logger LOG = LoggerFactory.getLogger(CpuWork.class);
  private static volatile boolean calibrated;
  /** xorshift steps in one unit; a unit is a few microseconds. */
  private static final int STEPS_PER_UNIT = 4_096;
  private static final int CALIBRATION_CALLS = 16;
  private static final int WARM_UP_CALLS = 8;
  private static final int CALL_MS = 20;

  private CpuWork() {}

  /** Units that take about {@code ms} milliseconds on an idle core. */
  public static long unitsFor(int ms) {
    return Math.max(1, Math.round(ms * Calibration.UNITS_PER_MS));
  }

  public static double unitsPerMs() {
    return Calibration.UNITS_PER_MS;
  }

  /**
   * Runs {@code units} of work and returns a checksum of it. The checksum depends on every step and
   * is sent to the client, so the JIT cannot drop the loop.
   */
  public static long run(long units, long seed) {
    long x = seed | 1;
    for (long unit = 0; unit < units; unit++) {
      for (int step = 0; step < STEPS_PER_UNIT; step++) {
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
      }
    }
    return x;
  }

  /**
   * Forces the calibration now (it takes about 300 ms of CPU): call it on a worker. However many
   * threads call it, the JVM runs the calibration once (a class initialiser); the others wait for it.
   */
  public static double calibrate() {
    return Calibration.UNITS_PER_MS;
  }

  /** Whether {@link #unitsFor} can answer without calibrating first. */
  public static boolean calibrated() {
    return calibrated; // not a field of Calibration: reading that would run the calibration here
  }

  private static final class Calibration {
    static final double UNITS_PER_MS = measure();
    static volatile long blackhole;

    /**
     * Times whole calls of {@link #run} of about 20 ms each, the way a request makes them, until the JIT
     * has compiled the loop, and keeps the fastest. It counts this thread's CPU time, not the wall
     * clock, so a machine busy with other work does not make the units smaller.
     */
    private static double measure() {
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long sink = 0;
      long units = 64;
      double best = 0;
      for (int call = 0; call < CALIBRATION_CALLS; call++) {
        long start = threads.getCurrentThreadCpuTime();
        sink += run(units, call);
        long elapsed = Math.max(1, threads.getCurrentThreadCpuTime() - start);
        double rate = units * 1_000_000.0 / elapsed;
        best = call < WARM_UP_CALLS ? 0 : Math.max(best, rate);
        units = Math.max(1, Math.round(rate * CALL_MS));
      }
      blackhole = sink; // keeps the calibration's results alive
      LOG.info("cpu work calibrated: {} units/ms", Math.round(best));
      calibrated = true;
      return best;
    }
  }
}
