package dev.looplab.server;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * An appender that never makes the logging thread (an event loop) wait: it puts the event in a
 * bounded queue and returns; its own thread wakes every {@value #FLUSH_EVERY_MS} ms, encodes what is
 * queued and writes it in one write and flush. The loop never wakes the writer (no signal, no
 * system call per line). When the queue is full the event is dropped and counted
 * ({@link #dropped()}, published in {@code /metrics}): under overload the lab loses access lines
 * rather than throughput. Logback's own AsyncAppender drops silently and wakes its worker for
 * every event, so it would not do.
 *
 * <p>Set up by {@link LogConfig} (or an XML configuration) with an {@code <encoder>}, {@code <queueSize>},
 * {@code <target>} (System.out or System.err) and {@code <includeMdc>}.
 */
public final class AsyncAccessAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  private static final LongAdder DROPPED = new LongAdder();
  private static final int BATCH = 1024;
  static final long FLUSH_EVERY_MS = 20;

  private Encoder<ILoggingEvent> encoder;
  private int queueSize = 8192;
  private String target = "System.out";
  private boolean includeMdc = true;
  private OutputStream output; // null: the target's stream as it is at write time
  private BlockingQueue<ILoggingEvent> queue;
  private Thread writer;
  private volatile boolean stopping;

  /** Events dropped because the queue was full, by every instance in this JVM since it started. */
  public static long dropped() {
    return DROPPED.sum();
  }

  public void setEncoder(Encoder<ILoggingEvent> encoder) {
    this.encoder = encoder;
  }

  public void setQueueSize(int queueSize) {
    this.queueSize = queueSize;
  }

  public void setTarget(String target) {
    this.target = target;
  }

  /**
   * Whether the MDC is copied into each event on the logging thread, for an encoder that prints it
   * (the default, as logback does); the lab's {@link AccessLineEncoder} does not, and the copy was a
   * quarter of the access line's cost on the event loop.
   */
  public void setIncludeMdc(boolean includeMdc) {
    this.includeMdc = includeMdc;
  }

  /** Tests: write here instead of the console. */
  void setOutput(OutputStream output) {
    this.output = output;
  }

  @Override
  public void start() {
    if (encoder == null || queueSize < 1) {
      addError("an <encoder> and a queueSize of at least 1 are needed");
      return;
    }
    queue = new ArrayBlockingQueue<>(queueSize);
    stopping = false;
    writer = new Thread(this::writeUntilStopped, "looplab-access-log");
    writer.setDaemon(true);
    writer.start();
    super.start();
  }

  @Override
  protected void append(ILoggingEvent event) {
    prepareOnLoggingThread(event);
    if (!queue.offer(event)) {
      DROPPED.increment();
    }
  }

  /** What must be read on the logging thread, before the writer formats the event. */
  private void prepareOnLoggingThread(ILoggingEvent event) {
    if (!includeMdc) {
      event.getThreadName();
      event.getFormattedMessage();
    } else {
      event.prepareForDeferredProcessing();
    }
  }

  /** Writes what is still queued (for up to a second), then stops. */
  @Override
  public void stop() {
    if (!isStarted()) {
      return;
    }
    super.stop();
    stopping = true;
    try {
      writer.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void writeUntilStopped() {
    List<ILoggingEvent> batch = new ArrayList<>(BATCH);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
    while (true) {
      try {
        if (queue.drainTo(batch, BATCH) == 0) {
          if (stopping) {
            return;
          }
          Thread.sleep(FLUSH_EVERY_MS);
          continue;
        }
        for (ILoggingEvent event : batch) {
          bytes.write(encoder.encode(event));
        }
        OutputStream out = output != null ? output : "System.err".equals(target) ? System.err : System.out;
        bytes.writeTo(out);
        out.flush();
      } catch (InterruptedException e) {
        return;
      } catch (IOException | RuntimeException e) {
        addError("could not write access lines", e);
      } finally {
        batch.clear();
        bytes.reset();
      }
    }
  }
}
