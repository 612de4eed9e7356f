package dev.looplab.observe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops one known false alarm: vertx-micrometer 5.0.12 (with {@code --instrumentation vertx})
 * registers its shared gauges (such as {@code vertx.http.server.active.connections}) again for every
 * connection, on purpose, and micrometer 1.15 warns about the repeat. The gauge is right; the warning
 * would greet every user. Only that message about Vert.x's own gauges is dropped; a repeat of a lab
 * gauge is still reported.
 *
 * <p>An appender's filter, not a turbo filter: logback asks turbo filters about every logging call,
 * enabled or not, and Vert.x and Netty ask whether debug is on several times per request.
 */
public final class RepeatedGaugeWarningFilter extends Filter<ILoggingEvent> {
  private static final String LOGGER = "io.micrometer.core.instrument.MeterRegistry";
  private static final String MESSAGE = "This Gauge has been already registered (MeterId{name='vertx.";

  @Override
  public FilterReply decide(ILoggingEvent event) {
    String format = event.getMessage();
    if (format != null && event.getLevel() == Level.WARN && LOGGER.equals(event.getLoggerName())
        && format.startsWith(MESSAGE)) {
      return FilterReply.DENY;
    }
    return FilterReply.NEUTRAL;
  }
}
