package dev.looplab.server;

import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * Writes the lab's log lines exactly as logback's pattern layout would for {@link LogConfig#LINE}
 * ({@code HH:mm:ss.SSS LEVEL [thread] logger rid=ID - message}, then the exception's trace) or
 * {@link LogConfig#BLOCKED_LINE} (no request id; 12 frames), by hand. On the access log's writer
 * thread the pattern layout was the costliest part of a request on a one-core server (about 2 µs a
 * line, and slow to warm up); at start, parsing the patterns and loading their converters took some
 * 40 ms of a one-core cold start. The clock's {@code HH:mm:ss.} is worked out once a second. Safe on
 * any number of threads. Both kinds of line, a logback event's and the lab's own
 * ({@link AccessEntry}, written in place by {@link #write}), are put together as bytes by {@link LineBytes}.
 */
public final class LogLineEncoder extends EncoderBase<ILoggingEvent> {
  private static final byte[] NOTHING = new byte[0];
  private static final byte[] OPEN_THREAD = ascii(" [");
  private static final byte[] CLOSE_THREAD = ascii("] ");
  private static final byte[] RID = ascii(" rid=");
  private static final byte[] BEFORE_MESSAGE = ascii(" - ");
  private static final byte[] MS_NEWLINE = ascii(" ms\n");
  private final ZoneId zone = ZoneId.systemDefault();
  private final TargetLengthBasedClassNameAbbreviator logger = new TargetLengthBasedClassNameAbbreviator(24);
  private final RequestIdConverter requestId = new RequestIdConverter();
  private final ThrowableProxyConverter trace = new ThrowableProxyConverter();
  private final boolean withRequestId;
  private volatile Clock clock = new Clock(Long.MIN_VALUE, NOTHING);

  /** {@link LogConfig#LINE}: the access log's and every other line. */
  public LogLineEncoder() {
    this(true, "full");
  }

  private LogLineEncoder(boolean withRequestId, String traceDepth) {
    this.withRequestId = withRequestId;
    trace.setOptionList(List.of(traceDepth));
  }

  /** {@link LogConfig#BLOCKED_LINE}: Vert.x's blocked-thread warnings. */
  static LogLineEncoder blocked() {
    return new LogLineEncoder(false, "12");
  }

  @Override
  public void start() {
    trace.setContext(getContext());
    trace.start();
    super.start();
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    LineBytes bytes = new LineBytes(160);
    writeHead(event.getTimeStamp(), level(event), event.getThreadName(), logger.abbreviate(event.getLoggerName()),
        withRequestId ? requestId.convert(event) : null, bytes);
    bytes.write(String.valueOf(event.getFormattedMessage()));
    bytes.write('\n');
    if (event.getThrowableProxy() != null) {
      bytes.write(trace.convert(event));
    }
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

  /** Everything before the message: {@code HH:mm:ss.SSS LEVEL [thread] logger rid=ID - }; no rid when null. */
  private void writeHead(long millis, String level, String thread, String logger, String requestId, LineBytes out) {
    writeTime(millis, out);
    out.write(' ');
    out.write(level);
    out.write(OPEN_THREAD);
    out.write(thread);
    out.write(CLOSE_THREAD);
    out.write(logger);
    if (requestId != null) {
      out.write(RID);
      out.write(requestId);
    }
    out.write(BEFORE_MESSAGE);
  }

  /** {@code HH:mm:ss.SSS}; the {@code HH:mm:ss.} is worked out once a second. */
  private void writeTime(long millis, LineBytes out) {
    long second = Math.floorDiv(millis, 1000);
    Clock current = clock;
    if (current.second != second) {
      LocalTime time = LocalTime.ofInstant(Instant.ofEpochSecond(second), zone);
      current = new Clock(second,
          ascii(twoDigits(time.getHour()) + ':' + twoDigits(time.getMinute()) + ':' + twoDigits(time.getSecond()) + '.'));
      clock = current;
    }
    out.write(current.text);
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

  /** One second's {@code HH:mm:ss.}, swapped whole so that threads that race see one or the other. */
  private record Clock(long second, byte[] text) {}
}
