package dev.looplab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

/** The hand-written access line is byte for byte what logback's pattern layout writes for the lab's pattern. */
class AccessLineEncoderTest {
  private final LoggerContext context = new LoggerContext();
  private final Logger access = context.getLogger(AccessLog.LOGGER_NAME);

  @Test
  void writesWhatThePatternLayoutWrites() {
    PatternLayoutEncoder layout = patternEncoder();
    AccessLineEncoder byHand = new AccessLineEncoder();
    // a request id carried in the event; none; across a second, a minute and midnight; all millisecond widths
    long[] times = {1_764_561_599_999L, 1_764_561_600_000L, 1_764_561_600_007L, 1_764_561_600_042L, 1_764_548_000_500L};
    for (long time : times) {
      for (String requestId : new String[] {"5f3a9c0e12ab34cd", null}) {
        LoggingEvent event = event(time, requestId, "GET /say-hi?ms=5 200 0 ms", "vert.x-eventloop-thread-0", Level.INFO);
        assertEquals(text(layout.encode(event)), text(byHand.encode(event)));
      }
    }
  }

  @Test
  void keepsTheThreadAndTheLevelAsTheyCame() {
    LoggingEvent event = event(1_764_561_600_123L, "id-1", "HEAD / 200 3 ms", "vert.x-eventloop-thread-11", Level.WARN);
    assertEquals(text(patternEncoder().encode(event)), text(new AccessLineEncoder().encode(event)));
  }

  @Test
  void writesAHandedOffEntryAsTheEventWouldHaveBeen() {
    PatternLayoutEncoder layout = patternEncoder();
    AccessLineEncoder byHand = new AccessLineEncoder();
    long time = 1_764_561_600_042L;
    for (String requestId : new String[] {"5f3a9c0e12ab34cd", null}) {
      for (String uri : new String[] {"/say-hi?ms=5", "/x\u001b[2J\\"}) {
        AccessEntry entry = new AccessEntry(time, "vert.x-eventloop-thread-3", requestId, "GET", uri, 404, 12);
        LoggingEvent event = event(time, requestId, AccessLog.message("GET", uri, 404, 12), "vert.x-eventloop-thread-3", Level.INFO);
        assertEquals(text(layout.encode(event)), text(byHand.encode(entry)));
      }
    }
    assertEquals("GET /x\\x1b[2J\\\\ 404 12 ms", AccessLog.message("GET", "/x\u001b[2J\\", 404, 12));
  }

  private PatternLayoutEncoder patternEncoder() {
    LogConfig.registerRequestIdConversion(context);
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(LogConfig.LINE);
    encoder.start();
    return encoder;
  }

  private LoggingEvent event(long time, String requestId, String message, String thread, Level level) {
    LoggingEvent event = new LoggingEvent(Logger.class.getName(), access, level, message, null, null);
    event.setTimeStamp(time);
    event.setThreadName(thread);
    if (requestId != null) {
      event.setKeyValuePairs(List.of(new KeyValuePair(AccessLog.REQUEST_ID_KEY, requestId)));
    }
    return event;
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
