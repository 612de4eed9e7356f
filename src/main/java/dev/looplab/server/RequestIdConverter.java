package dev.looplab.server;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.List;
import org.slf4j.event.KeyValuePair;

/**
 * Logback's {@code %rid}: the request id the event carries (key {@code rid}, set when it was logged,
 * as the access log does), else the id on the current Vert.x context, else "-" outside a request.
 * The first works on any thread, so with an asynchronous appender too; the second only on the
 * thread that logs.
 */
public final class RequestIdConverter extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    try {
      String carried = carried(event.getKeyValuePairs());
      if (carried != null) {
        return carried;
      }
      String id = RequestId.current();
      return id == null ? "-" : id;
    } catch (RuntimeException e) {
      // a converter that throws makes logback drop the whole line
      return "?";
    }
  }

  /** The request id an event carries (key {@code rid}), or null. */
  static String carried(List<KeyValuePair> pairs) {
    if (pairs == null) {
      return null;
    }
    for (KeyValuePair pair : pairs) {
      if (AccessLog.REQUEST_ID_KEY.equals(pair.key) && pair.value != null) {
        return pair.value.toString();
      }
    }
    return null;
  }
}
