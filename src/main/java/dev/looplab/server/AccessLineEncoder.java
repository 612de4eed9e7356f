package dev.looplab.server;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.slf4j.event.KeyValuePair;

/**
 * Writes an access line exactly as {@link LogConfig#LINE} would, {@code HH:mm:ss.SSS INFO  [thread]
 * looplab.access rid=ID - message}, by hand: logback's pattern layout made the access log's writer
 * the costliest part of a request, on a one-core server (about 2 µs a line, and slow to warm up).
 * The clock's {@code HH:mm:ss.} is worked out once a second. Used by one writer thread only.
 * Both kinds of line, a logback event's and the lab's own ({@link AccessEntry}, written in place
 * by {@link #write}), are put together as bytes by {@link LineBytes}.
 */
public final class AccessLineEncoder extends EncoderBase<ILoggingEvent> {
  private static final byte[] NOTHING = new byte[0];
  private static final byte[] OPEN_THREAD = ascii(" [");
  private static final byte[] CLOSE_THREAD = ascii("] ");
  private static final byte[] RID = ascii(" rid=");
  private static final byte[] BEFORE_MESSAGE = ascii(" - ");
  private static final byte[] MS_NEWLINE = ascii(" ms\n");
  private final ZoneId zone = ZoneId.systemDefault();
  private long cachedSecond = Long.MIN_VALUE;
  private byte[] cachedClock = NOTHING;

  @Override
  public byte[] encode(ILoggingEvent event) {
    LineBytes bytes = new LineBytes(160);
    writeHead(event.getTimeStamp(), level(event), event.getThreadName(), event.getLoggerName(),
        requestId(event.getKeyValuePairs()), bytes);
    bytes.write(event.getFormattedMessage());
    bytes.write('\n');
    return bytes.toByteArray();
  }

  /** The line an INFO event on {@link AccessLog#LOGGER_NAME} with these parts would have had. */
  byte[] encode(AccessEntry entry) {
    LineBytes bytes = new LineBytes(160);
    write(entry, bytes);
    return bytes.toByteArray();
  }

  /**
   * Appends {@link #encode(AccessEntry)}'s line straight to the writer's bytes, with no text made on
   * the way: the writer shares the one core of a small server with the event loop.
   */
  void write(AccessEntry entry, LineBytes out) {
    writeHead(entry.epochMillis(), "INFO ", entry.thread(), AccessLog.LOGGER_NAME,
        entry.requestId() == null ? "-" : entry.requestId(), out);
    out.writeSafe(entry.method()); // the message, as AccessLog.message makes it
    out.write(' ');
    out.writeSafe(entry.uri());
    out.write(' ');
    out.write(entry.status());
    out.write(' ');
    out.write(entry.millis());
    out.write(MS_NEWLINE);
  }

  /** Everything before the message: {@code HH:mm:ss.SSS LEVEL [thread] logger rid=ID - }. */
  private void writeHead(long millis, String level, String thread, String logger, String requestId, LineBytes out) {
    writeTime(millis, out);
    out.write(' ');
    out.write(level);
    out.write(OPEN_THREAD);
    out.write(thread);
    out.write(CLOSE_THREAD);
    out.write(logger);
    out.write(RID);
    out.write(requestId);
    out.write(BEFORE_MESSAGE);
  }

  /** {@code HH:mm:ss.SSS}; the {@code HH:mm:ss.} is worked out once a second. */
  private void writeTime(long millis, LineBytes out) {
    long second = Math.floorDiv(millis, 1000);
    if (second != cachedSecond) {
      LocalTime time = LocalTime.ofInstant(Instant.ofEpochSecond(second), zone);
      cachedClock = ascii(twoDigits(time.getHour()) + ':' + twoDigits(time.getMinute()) + ':' + twoDigits(time.getSecond()) + '.');
      cachedSecond = second;
    }
    out.write(cachedClock);
    int ms = (int) Math.floorMod(millis, 1000);
    out.write((char) ('0' + ms / 100));
    out.write((char) ('0' + ms / 10 % 10));
    out.write((char) ('0' + ms % 10));
  }

  private static String twoDigits(int value) {
    return value < 10 ? "0" + value : Integer.toString(value);
  }

  /** {@code %-5level}. */
  private static String level(ILoggingEvent event) {
    String name = event.getLevel().toString();
    return name.length() >= 5 ? name : (name + "    ").substring(0, 5);
  }

  /** As {@link RequestIdConverter} reads it from an event logged on another thread. */
  private static String requestId(List<KeyValuePair> pairs) {
    String carried = RequestIdConverter.carried(pairs);
    return carried == null ? "-" : carried;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public byte[] headerBytes() {
    return NOTHING;
  }

  @Override
  public byte[] footerBytes() {
    return NOTHING;
  }
}
