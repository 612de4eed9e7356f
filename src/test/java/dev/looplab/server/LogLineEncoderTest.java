package dev.looplab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.CoreConstants;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

/** The hand-written lines are byte for byte what logback's pattern layout writes for the lab's patterns. */
class LogLineEncoderTest {
  private final LoggerContext context = new LoggerContext();
  private final Logger access = context.getLogger(AccessLog.LOGGER_NAME);

  @Test
  void writesWhatThePatternLayoutWrites() {
    PatternLayoutEncoder layout = patternEncoder();
    LogLineEncoder byHand = new LogLineEncoder();
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
    assertEquals(text(patternEncoder().encode(event)), text(new LogLineEncoder().encode(event)));
  }

  @Test
  void writesAHandedOffEntryAsTheEventWouldHaveBeen() {
    PatternLayoutEncoder layout = patternEncoder();
    LogLineEncoder byHand = new LogLineEncoder();
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

  @Test
  void writesABatchOfEntriesInPlaceByteForByteWhateverTheyHold() {
    PatternLayoutEncoder layout = patternEncoder();
    LogLineEncoder byHand = new LogLineEncoder();
    // printable ASCII is copied, the rest falls back to escaping or UTF-8 mid-batch, after and before plain lines
    String[] uris = {"/say-hi", "/caf\u00e9?q=\u00fc", "/zero\u200bwidth", "/del\u007f/tab\t", "/back\\slash", "/" + "a".repeat(300)};
    String[] methods = {"GET", "M\u001bX", "PROPFIND"};
    int[] statuses = {0, 99, 200, 600};
    long[] millis = {0, 7, 10, 123_456_789};
    StringBuilder expected = new StringBuilder();
    LineBytes batch = new LineBytes(16); // small, so that it grows
    long time = 1_764_561_600_042L;
    int i = 0;
    for (String uri : uris) {
      for (String method : methods) {
        int status = statuses[i % statuses.length];
        long ms = millis[i++ % millis.length];
        String thread = i % 7 == 0 ? "w\u00f6rker-" + i : "vert.x-eventloop-thread-" + i;
        String id = i % 5 == 0 ? null : "id-" + i;
        byHand.write(new AccessEntry(time + i * 997L, thread, id, method, uri, status, ms), batch);
        expected.append(text(layout.encode(event(time + i * 997L, id, AccessLog.message(method, uri, status, ms), thread, Level.INFO))));
      }
    }
    assertEquals(expected.toString(), text(batch.toByteArray()));
  }

  @Test
  void writesEveryOtherLineAsThePatternLayoutDoesTraceIncluded() {
    PatternLayoutEncoder layout = patternEncoder();
    LogLineEncoder byHand = started(new LogLineEncoder());
    Exception failure = new IllegalStateException("the pool is closed", new java.io.IOException("broken pipe"));
    String[] loggers = {"dev.looplab.lessons.lecture.Lecture", "io.vertx.core.impl.BlockedThreadChecker", "root", "a.b.C",
        "dev.looplab.server.LabServer$Inner"};
    String[] messages = {"lecture routes ready: 4 queue consumer(s)", "caf\u00e9 \u00fc\u200b", "tab\there", "", null};
    int i = 0;
    for (String name : loggers) {
      for (String message : messages) {
        Level level = new Level[] {Level.INFO, Level.WARN, Level.ERROR, Level.DEBUG, Level.TRACE}[i % 5];
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), context.getLogger(name), level, message,
            i % 3 == 0 ? failure : null, null);
        event.setTimeStamp(1_764_561_600_000L + i * 1_003L);
        event.setThreadName(i % 2 == 0 ? "main" : "vert.x-eventloop-thread-" + i);
        if (i % 4 == 1) {
          event.setKeyValuePairs(List.of(new KeyValuePair(AccessLog.REQUEST_ID_KEY, "rid-" + i)));
        }
        assertEquals(text(layout.encode(event)), text(byHand.encode(event)), name + " / " + message);
        i++;
      }
    }
  }

  @Test
  void writesABlockedThreadWarningAsThePatternLayoutDoesWithTwelveFrames() {
    PatternLayoutEncoder layout = patternEncoder(LogConfig.BLOCKED_LINE);
    LogLineEncoder byHand = started(LogLineEncoder.blocked());
    Exception stack = deepStack(40);
    LoggingEvent event = new LoggingEvent(Logger.class.getName(), context.getLogger("io.vertx.core.impl.BlockedThreadChecker"),
        Level.WARN, "Thread vert.x-eventloop-thread-1 has been blocked for 2345 ms, time limit is 2000 ms", stack, null);
    event.setTimeStamp(1_764_561_600_321L);
    event.setThreadName("vertx-blocked-thread-checker");
    String written = text(byHand.encode(event));
    assertEquals(text(layout.encode(event)), written);
    assertTrue(written.contains("\tat "), written);
  }

  private static Exception deepStack(int depth) {
    if (depth == 0) {
      return new Exception("io.vertx.core.VertxException: Thread blocked");
    }
    return deepStack(depth - 1);
  }

  private PatternLayoutEncoder patternEncoder() {
    return patternEncoder(LogConfig.LINE);
  }

  /** Logback's own encoder for the pattern, with {@code %rid} as an XML configuration would declare it. */
  private PatternLayoutEncoder patternEncoder(String pattern) {
    @SuppressWarnings("unchecked")
    Map<String, String> rules = (Map<String, String>) context.getObject(CoreConstants.PATTERN_RULE_REGISTRY);
    if (rules == null) {
      rules = new HashMap<>();
      context.putObject(CoreConstants.PATTERN_RULE_REGISTRY, rules);
    }
    rules.put("rid", RequestIdConverter.class.getName());
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(pattern);
    encoder.start();
    return encoder;
  }

  private LogLineEncoder started(LogLineEncoder encoder) {
    encoder.setContext(context);
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
