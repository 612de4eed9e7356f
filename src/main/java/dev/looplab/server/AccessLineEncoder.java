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
 */
public final class AccessLineEncoder extends EncoderBase<ILoggingEvent> {
  private static final byte[] NOTHING = new byte[0];
  private final StringBuilder line = new StringBuilder(160);
  private final ZoneId zone = ZoneId.systemDefault();
  private long cachedSecond = Long.MIN_VALUE;
  private String cachedClock = "";

  @Override
  public byte[] encode(ILoggingEvent event) {
    return encode(event.getTimeStamp(), level(event), event.getThreadName(), event.getLoggerName(),
        requestId(event.getKeyValuePairs()), event.getFormattedMessage());
  }

  /** The line an INFO event on {@link AccessLog#LOGGER_NAME} with these parts would have had. */
  byte[] encode(AccessEntry entry) {
    String id = entry.requestId() == null ? "-" : entry.requestId();
    return encode(entry.epochMillis(), "INFO ", entry.thread(), AccessLog.LOGGER_NAME, id,
        AccessLog.message(entry.method(), entry.uri(), entry.status(), entry.millis()));
  }

  private byte[] encode(long millis, String level, String thread, String logger, String requestId, String message) {
    line.setLength(0);
    appendTime(millis);
    line.append(' ').append(level).append(" [").append(thread).append("] ").append(logger)
        .append(" rid=").append(requestId).append(" - ").append(message).append('\n');
    return line.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void appendTime(long millis) {
    long second = Math.floorDiv(millis, 1000);
    if (second != cachedSecond) {
      LocalTime time = LocalTime.ofInstant(Instant.ofEpochSecond(second), zone);
      cachedClock = twoDigits(time.getHour()) + ':' + twoDigits(time.getMinute()) + ':' + twoDigits(time.getSecond()) + '.';
      cachedSecond = second;
    }
    int ms = (int) Math.floorMod(millis, 1000);
    line.append(cachedClock).append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10)).append((char) ('0' + ms % 10));
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

  @Override
  public byte[] headerBytes() {
    return NOTHING;
  }

  @Override
  public byte[] footerBytes() {
    return NOTHING;
  }
}
