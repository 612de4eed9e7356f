package dev.looplab.server;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The console as the lab's log lines see it: a write never waits. Each line is copied into a
 * bounded queue, and one daemon thread writes them to {@code System.out} or {@code System.err} in
 * order. When nobody reads the output (a paused pager, a terminal after Ctrl-S) that thread blocks,
 * not the one that logged: not an event loop, not the shutdown. Lines that find the queue full are
 * dropped and counted ({@link #dropped()}, in {@code /metrics}).
 *
 * <p>Logback's {@code OutputStreamAppender} writes each event in one {@code write} call, so a write
 * here is a line. The per-request access lines have a queue of their own ({@link AsyncAccessAppender}).
 */
final class ConsoleLines extends OutputStream {
  private static final int LINES = 4096;
  private static final long CLOSE_WAIT_MS = 1_000;
  private static final LongAdder DROPPED = new LongAdder();

  private final Supplier<OutputStream> console;
  private final BlockingQueue<byte[]> lines = new ArrayBlockingQueue<>(LINES);
  private final Object written = new Object();
  private long queuedCount;
  private long writtenCount;
  private boolean stuck; // a close found the writer making no progress: the next ones do not wait again

  /** @param target {@code System.out} or {@code System.err}, looked up at each write */
  ConsoleLines(String target) {
    this(() -> "System.err".equals(target) ? System.err : System.out);
  }

  /** Tests: writes to what {@code console} gives. */
  ConsoleLines(Supplier<OutputStream> console) {
    this.console = console;
    Thread writer = new Thread(this::writeForever, "looplab-console");
    writer.setDaemon(true);
    writer.start();
  }

  /** Lines dropped because the console's queue was full, by every console in this JVM since it started. */
  static long dropped() {
    return DROPPED.sum();
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    synchronized (written) {
      if (lines.offer(Arrays.copyOfRange(bytes, offset, offset + length))) {
        queuedCount++;
      } else {
        DROPPED.increment();
      }
    }
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  /** Nothing to do: the writer flushes after each line. */
  @Override
  public void flush() {}

  /** Waits, up to a second, until the lines queued so far are written: at exit, when logback stops its appenders. */
  @Override
  public void close() throws IOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MS);
    synchronized (written) {
      long goal = queuedCount;
      long before = writtenCount;
      long left;
      while (!stuck && writtenCount < goal && (left = deadline - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(written, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      stuck = writtenCount < goal && writtenCount == before;
    }
  }

  private void writeForever() {
    while (true) {
      byte[] line;
      try {
        line = lines.take();
      } catch (InterruptedException e) {
        return;
      }
      try {
        OutputStream out = console.get();
        out.write(line, 0, line.length);
        out.flush();
      } catch (IOException e) {
        DROPPED.increment(); // nowhere left to say so
      }
      synchronized (written) {
        writtenCount++;
        written.notifyAll();
      }
    }
  }
}
