package dev.looplab.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

/** Only micrometer's warning about Vert.x's own re-registered gauges is dropped. */
class RepeatedGaugeWarningFilterTest {
  private final LoggerContext context = new LoggerContext();
  private final RepeatedGaugeWarningFilter filter = new RepeatedGaugeWarningFilter();

  @Test
  void dropsTheWarningAboutVertxsGaugesOnly() {
    String vertx = "This Gauge has been already registered (MeterId{name='vertx.http.server.active.connections', tags=[]})";
    String lab = "This Gauge has been already registered (MeterId{name='looplab.requests.in.flight', tags=[]})";
    assertEquals(FilterReply.DENY, filter.decide(event("io.micrometer.core.instrument.MeterRegistry", Level.WARN, vertx)));
    assertEquals(FilterReply.NEUTRAL, filter.decide(event("io.micrometer.core.instrument.MeterRegistry", Level.WARN, lab)));
    assertEquals(FilterReply.NEUTRAL, filter.decide(event("io.micrometer.core.instrument.MeterRegistry", Level.ERROR, vertx)));
    assertEquals(FilterReply.NEUTRAL, filter.decide(event("dev.looplab.Something", Level.WARN, vertx)));
  }

  private LoggingEvent event(String loggerName, Level level, String message) {
    Logger logger = context.getLogger(loggerName);
    return new LoggingEvent(Logger.class.getName(), logger, level, message, null, null);
  }
}
