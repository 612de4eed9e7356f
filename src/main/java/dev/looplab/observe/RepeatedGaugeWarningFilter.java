package dev.looplab.observe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops one known false alarm: vertx-micrometer 5.0.12 registers its shared gauges (such as
 * {@code vertx.http.server.active.connections}) again for every connection, on purpose, and
 * micrometer 1.15 warns about the repeat. The gauge is right; the warning would greet every user.
 * Only that message about Vert.x's own gauges is dropped; a repeat of a lab gauge is still reported.
 */
public final class RepeatedGaugeWarningFilter extends TurboFilter {
  private static final String LOGGER = "io.micrometer.core.instrument.MeterRegistry";
  private static final String MESSAGE = "This Gauge has been already registered (MeterId{name='vertx.";

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (format != null && level == Level.WARN && LOGGER.equals(logger.getName()) && format.startsWith(MESSAGE)) {
      return FilterReply.DENY;
    }
    return FilterReply.NEUTRAL;
  }
}
