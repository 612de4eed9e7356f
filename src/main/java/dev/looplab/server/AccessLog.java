package dev.looplab.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * One line per request on the {@code looplab.access} logger: method, URI, status, milliseconds.
 * The request id travels in the event itself (key {@value #REQUEST_ID_KEY}), not only on the
 * Vert.x context, so that an asynchronous appender that formats the line later, on its own thread,
 * still prints it ({@link RequestIdConverter}). The event goes straight to the logger's appenders:
 * SLF4J's fluent builder, the only way to carry a key-value pair, made two more objects a request.
 *
 * <p>With the lab's own logging set up ({@link LogConfig}), not even a logback event is made: the
 * loop hands an {@link AccessEntry} straight to the {@link AsyncAccessAppender}, which escapes and
 * formats it on its own thread into the same line. A logging configuration of the user's gets
 * logback events, as any other logger's lines.
 */
final class AccessLog {
  static final String LOGGER_NAME = "looplab.access";
  static final String REQUEST_ID_KEY = "rid";
  private static final Logger ACCESS = (Logger) LoggerFactory.getLogger(LOGGER_NAME);

  private AccessLog() {}

  static void write(String requestId, HttpServerRequest request, int status, long millis) {
    if (!ACCESS.isInfoEnabled()) {
      return;
    }
    AsyncAccessAppender direct = AsyncAccessAppender.takingAccessLines();
    if (direct != null) {
      direct.offer(new AccessEntry(System.currentTimeMillis(), Thread.currentThread().getName(), requestId,
          request.method().name(), request.uri(), status, millis));
      return;
    }
    String line = message(request.method().name(), request.uri(), status, millis);
    LoggingEvent event = new LoggingEvent(AccessLog.class.getName(), ACCESS, Level.INFO, line, null, null);
    event.setKeyValuePairs(List.of(new KeyValuePair(REQUEST_ID_KEY, requestId)));
    ACCESS.callAppenders(event);
  }

  /**
   * The line's message, {@code GET /say-hi 200 0 ms}: the one place the caller's method and URI
   * enter the log, with control characters escaped (see {@link LogSafe}).
   */
  static String message(String method, String uri, int status, long millis) {
    return LogSafe.of(method) + ' ' + LogSafe.of(uri) + ' ' + status + ' ' + millis + " ms";
  }
}
