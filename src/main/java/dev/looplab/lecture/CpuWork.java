package dev.looplab.lecture;

/**
 * CPU-bound work in fixed units, calibrated once per JVM so that a request for N ms asks for about
 * N ms of computation on an idle core. The amount of work is fixed, not the time: when jobs share
 * a core, each takes longer, which is exactly what the CPU experiments must show.
 */
public final class CpuWork {
  /** xorshift steps in one unit; a unit is a few microseconds. */
  private static final int STEPS_PER_UNIT = 4_096;
  private static final int CALIBRATION_ROUNDS = 7;
  private static final long ROUND_NANOS = 20_000_000;

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

  /** Forces the calibration now (it takes about 150 ms), so no request pays for it. */
  static double calibrate() {
    return Calibration.UNITS_PER_MS;
  }

  private static final class Calibration {
    static final double UNITS_PER_MS = measure();
    static volatile long blackhole;

    /**
     * Warms the loop up, then keeps the fastest of several short rounds: the machine may be busy, and
     * the fastest round is the closest to what an idle core does.
     */
    private static double measure() {
      long sink = 0;
      double best = 0;
      for (int round = 0; round < CALIBRATION_ROUNDS; round++) {
        long units = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
          sink += run(16, round + units);
          units += 16;
          elapsed = System.nanoTime() - start;
        } while (elapsed < ROUND_NANOS);
        if (round > 1) {
          best = Math.max(best, units * 1_000_000.0 / elapsed);
        }
      }
      blackhole = sink; // keeps the calibration's results alive
      return best;
    }
  }
}
