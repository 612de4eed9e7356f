package dev.looplab.server;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Logback's {@code %rid}: the current request's id, or "-" outside a request. */
public final class RequestIdConverter extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    try {
      String id = RequestId.current();
      return id == null ? "-" : id;
    } catch (RuntimeException e) {
      // a converter that throws makes logback drop the whole line
      return "?";
    }
  }
}
