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
 * The lab's own lines ({@link AccessEntry}) are written as bytes in place ({@link #write}).
 */
public final class AccessLineEncoder extends EncoderBase<ILoggingEvent> {
  private static final byte[] NOTHING = new byte[0];
  private final StringBuilder line = new StringBuilder(160);
  private final ZoneId zone = ZoneId.systemDefault();
  private long cachedSecond = Long.MIN_VALUE;
  private String cachedClock = "";
  private byte[] cachedClockBytes = NOTHING;
  private static final byte[] INFO_THREAD = ascii(" INFO  [");
  private static final byte[] AFTER_THREAD = ascii("] " + AccessLog.LOGGER_NAME + " rid=");
  private static final byte[] BEFORE_MESSAGE = ascii(" - ");
  private static final byte[] MS_NEWLINE = ascii(" ms\n");

  @Override
  public byte[] encode(ILoggingEvent event) {
    return encode(event.getTimeStamp(), level(event), event.getThreadName(), event.getLoggerName(),
        requestId(event.getKeyValuePairs()), event.getFormattedMessage());
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
    writeTime(entry.epochMillis(), out);
    out.write(INFO_THREAD);
    out.write(entry.thread());
    out.write(AFTER_THREAD);
    out.write(entry.requestId() == null ? "-" : entry.requestId());
    out.write(BEFORE_MESSAGE);
    out.writeSafe(entry.method()); // the message, as AccessLog.message makes it
    out.write(' ');
    out.writeSafe(entry.uri());
    out.write(' ');
    out.write(entry.status());
    out.write(' ');
    out.write(entry.millis());
    out.write(MS_NEWLINE);
  }

  private void writeTime(long millis, LineBytes out) {
    clockAt(millis);
    out.write(cachedClockBytes);
    int ms = (int) Math.floorMod(millis, 1000);
    out.write((char) ('0' + ms / 100));
    out.write((char) ('0' + ms / 10 % 10));
    out.write((char) ('0' + ms % 10));
  }

  private byte[] encode(long millis, String level, String thread, String logger, String requestId, String message) {
    line.setLength(0);
    appendTime(millis);
    line.append(' ').append(level).append(" [").append(thread).append("] ").append(logger)
        .append(" rid=").append(requestId).append(" - ").append(message).append('\n');
    return line.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void appendTime(long millis) {
    clockAt(millis);
    int ms = (int) Math.floorMod(millis, 1000);
    line.append(cachedClock).append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10)).append((char) ('0' + ms % 10));
  }

  /** {@code HH:mm:ss.} of the second {@code millis} falls in, worked out once a second. */
  private void clockAt(long millis) {
    long second = Math.floorDiv(millis, 1000);
    if (second != cachedSecond) {
      LocalTime time = LocalTime.ofInstant(Instant.ofEpochSecond(second), zone);
      cachedClock = twoDigits(time.getHour()) + ':' + twoDigits(time.getMinute()) + ':' + twoDigits(time.getSecond()) + '.';
      cachedClockBytes = cachedClock.getBytes(StandardCharsets.US_ASCII);
      cachedSecond = second;
    }
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
