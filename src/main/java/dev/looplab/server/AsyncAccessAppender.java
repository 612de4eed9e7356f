package dev.looplab.server;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.atomic.MpscAtomicArrayQueue;

/**
 * An appender that never makes the logging thread (an event loop) wait: it puts the event in a
 * bounded queue and returns; its own thread wakes every {@value #FLUSH_EVERY_MS} ms, encodes what is
 * queued and writes it in one write and flush. The loop never wakes the writer (no signal, no
 * system call per line) and takes no lock: the queue is lock-free (JCTools), a line costs the loop
 * one compare-and-set, where {@code ArrayBlockingQueue} took a lock and signalled a condition.
 * When the queue is full the event is dropped and counted
 * ({@link #dropped()}, published in {@code /metrics}): under overload the lab loses access lines
 * rather than throughput. Logback's own AsyncAppender drops silently and wakes its worker for
 * every event, so it would not do.
 *
 * <p>With the lab's own logging ({@link LogConfig}), {@link AccessLog} skips logback's events and
 * {@linkplain #offer(AccessEntry) offers} each line's parts; they share the queue, and the writer
 * formats them as {@link LogLineEncoder} does.
 *
 * <p>Set up by {@link LogConfig} (or an XML configuration) with an {@code <encoder>}, {@code <queueSize>},
 * {@code <target>} (System.out or System.err) and {@code <includeMdc>}.
 */
public final class AsyncAccessAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  private static final LongAdder DROPPED = new LongAdder();
  // not held by AccessLog: LogConfig sets it while logback initialises, before AccessLog can get its logger
  private static final AtomicReference<AsyncAccessAppender> TAKING_ACCESS_LINES = new AtomicReference<>();
  private static final int BATCH = 1024;
  static final long FLUSH_EVERY_MS = 20;

  private Encoder<ILoggingEvent> encoder;
  private int queueSize = 8192;
  private String target = "System.out";
  private boolean includeMdc = true;
  private OutputStream output; // null: the target's stream as it is at write time
  private MessagePassingQueue<Object> queue; // ILoggingEvent or AccessEntry
  private final LogLineEncoder lineEncoder = new LogLineEncoder();
  private Thread writer;
  private volatile boolean stopping;

  /** Events dropped because the queue was full, by every instance in this JVM since it started. */
  public static long dropped() {
    return DROPPED.sum();
  }

  public void setEncoder(Encoder<ILoggingEvent> encoder) {
    this.encoder = encoder;
  }

  /** Lines the queue holds before it drops; rounded up to a power of two (at least 2). */
  public void setQueueSize(int queueSize) {
    this.queueSize = queueSize;
  }

  public void setTarget(String target) {
    this.target = target;
  }

  /**
   * Whether the MDC is copied into each event on the logging thread, for an encoder that prints it
   * (the default, as logback does); the lab's {@link LogLineEncoder} does not, and the copy was a
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
    queue = new MpscAtomicArrayQueue<>(Math.max(2, queueSize));
    stopping = false;
    writer = new Thread(this::writeUntilStopped, "looplab-access-log");
    writer.setDaemon(true);
    writer.start();
    super.start();
  }

  @Override
  protected void append(ILoggingEvent event) {
    prepareOnLoggingThread(event);
    enqueue(event);
  }

  /** The appender {@link AccessLog} hands its lines to without logback's events, or null: they go through logback. */
  static AsyncAccessAppender takingAccessLines() {
    return TAKING_ACCESS_LINES.get();
  }

  /** From now until it stops, this appender takes {@link AccessLog}'s lines directly ({@link #offer}). */
  void takeAccessLines() {
    TAKING_ACCESS_LINES.set(this);
  }

  /** An access line's parts, from {@link AccessLog}: written as the lab's line, whatever the encoder. */
  void offer(AccessEntry entry) {
    if (isStarted()) {
      enqueue(entry);
    } else {
      DROPPED.increment(); // the appender stopped after AccessLog found it
    }
  }

  private void enqueue(Object lineOrEvent) {
    if (!queue.offer(lineOrEvent)) {
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
    TAKING_ACCESS_LINES.compareAndSet(this, null); // later lines go through logback, to whatever is configured then
    stopping = true;
    try {
      writer.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void writeUntilStopped() {
    List<Object> batch = new ArrayList<>(BATCH);
    MessagePassingQueue.Consumer<Object> toBatch = batch::add;
    LineBytes bytes = new LineBytes(64 * 1024);
    while (true) {
      try {
        if (queue.drain(toBatch, BATCH) == 0) {
          if (stopping) {
            return;
          }
          Thread.sleep(FLUSH_EVERY_MS);
          continue;
        }
        for (Object item : batch) {
          if (item instanceof AccessEntry entry) {
            lineEncoder.write(entry, bytes);
          } else {
            bytes.write(encoder.encode((ILoggingEvent) item));
          }
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
