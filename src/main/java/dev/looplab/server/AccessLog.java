package dev.looplab.server;

import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the {@code looplab.access} logger: method, URI, status, milliseconds.
 * The request id travels in the event itself (key {@value #REQUEST_ID_KEY}), not only on the
 * Vert.x context, so that an asynchronous appender that formats the line later, on its own thread,
 * still prints it ({@link RequestIdConverter}).
 */
final class AccessLog {
  static final String LOGGER_NAME = "looplab.access";
  static final String REQUEST_ID_KEY = "rid";
  private static final Logger ACCESS = LoggerFactory.getLogger(LOGGER_NAME);

  private AccessLog() {}

  static void write(String requestId, HttpServerRequest request, int status, long millis) {
    if (!ACCESS.isInfoEnabled()) {
      return;
    }
    String line = LogSafe.of(request.method().name()) + ' ' + uri(request) + ' ' + status + ' ' + millis + " ms";
    ACCESS.atInfo().addKeyValue(REQUEST_ID_KEY, requestId).log(line);
  }

  /** The one place the caller's URI enters the log; control characters escaped (see {@link LogSafe}). */
  private static String uri(HttpServerRequest request) {
    return LogSafe.of(request.uri());
  }
}
