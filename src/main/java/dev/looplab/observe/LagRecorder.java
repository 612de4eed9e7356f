package dev.looplab.observe;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Carries the lag probes' samples off the event loops: a loop only adds its sample to a lock-free
 * queue, and this recorder's own thread puts them into Micrometer every interval. A reader reads
 * through {@link #read}, so that what it reads includes the last samples. The lock here is only
 * ever taken by the recorder's thread and the readers' thread, never by an event loop.
 */
final class LagRecorder {
  private final Queue<Sample> samples = new ConcurrentLinkedQueue<>();
  private final long intervalMs;
  private volatile Thread thread;
  private boolean stopped; // under this recorder's lock

  LagRecorder(long intervalMs) {
    this.intervalMs = intervalMs;
  }

  /** On an event loop: no lock, no Micrometer. */
  void offer(LoopLag lag, long lagNanos) {
    samples.offer(new Sample(lag, lagNanos));
  }

  /** Records every sample queued so far; never on an event loop. */
  synchronized void drain() {
    for (Sample s = samples.poll(); s != null; s = samples.poll()) {
      s.lag.record(s.lagNanos);
    }
  }

  /**
   * Records what is queued, then reads with no sample recorded meanwhile: Micrometer can lose a
   * histogram's "changed" mark when a record and a snapshot overlap, and the next reading would then
   * miss that sample in its buckets though its count has it.
   */
  synchronized <T> T read(Supplier<T> reading) {
    drain();
    return reading.get();
  }

  /** Once; not after {@link #stop} (the start may come late, when the meters' registry is built). */
  synchronized void start() {
    if (stopped || thread != null) {
      return;
    }
    Thread recorder = new Thread(this::run, "looplab-lag-recorder");
    recorder.setDaemon(true);
    thread = recorder;
    recorder.start();
  }

  synchronized void stop() {
    stopped = true;
    thread = null;
  }

  private void run() {
    while (thread == Thread.currentThread()) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(intervalMs));
      drain();
    }
  }

  private record Sample(LoopLag lag, long lagNanos) {}
}
