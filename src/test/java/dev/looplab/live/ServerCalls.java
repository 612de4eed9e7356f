package dev.looplab.live;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * The calls as the server timed them, from its access lines ({@code GET /slow-run?ms=300 200 301 ms},
 * stamped when the response ended): each call's start and end on the server's clock, which a busy
 * client cannot shift. Attached to the access logger while a test class runs.
 */
final class ServerCalls extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  /** One call on the server: when its handling began and ended, epoch milliseconds. */
  record Call(String uri, long startMs, long endMs) {}

  private final Logger access = (Logger) LoggerFactory.getLogger("looplab.access");
  private final List<Call> calls = new ArrayList<>();

  ServerCalls() {
    start();
    access.setLevel(Level.INFO);
    access.setAdditive(false);
    access.addAppender(this);
  }

  @Override
  protected synchronized void append(ILoggingEvent line) {
    String[] parts = line.getFormattedMessage().split(" "); // method, uri, status, millis, "ms"
    long ms = Long.parseLong(parts[3]);
    calls.add(new Call(parts[1], line.getTimeStamp() - ms, line.getTimeStamp()));
    notifyAll();
  }

  /**
   * Waits for {@code count} calls to {@code uri} (a response's access line is written once it has
   * gone out, which can be after the client has it); returns them in the order they began.
   */
  synchronized List<Call> await(String uri, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    List<Call> matching = matching(uri);
    for (long left = deadline - System.nanoTime(); matching.size() < count && left > 0; left = deadline - System.nanoTime()) {
      TimeUnit.NANOSECONDS.timedWait(this, left);
      matching = matching(uri);
    }
    return matching;
  }

  private List<Call> matching(String uri) {
    List<Call> matching = new ArrayList<>(calls.stream().filter(call -> call.uri().equals(uri)).toList());
    matching.sort((a, b) -> Long.compare(a.startMs(), b.startMs()));
    return matching;
  }

  @Override
  public void close() {
    access.detachAppender(this);
    access.setLevel(null);
    access.setAdditive(true);
    stop();
  }
}
