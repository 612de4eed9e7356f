package dev.looplab.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/** {@code looplab_connections_open} and {@code looplab_connections_closed_total{reason}} on /metrics. */
final class ConnectionMeters {
  private ConnectionMeters() {}

  static void register(MeterRegistry registry, OpenConnections connections) {
    Gauge.builder("looplab.connections.open", connections, OpenConnections::size)
        .description("HTTP connections open now").register(registry);
    for (OpenConnections.Reason reason : OpenConnections.Reason.values()) {
      FunctionCounter.builder("looplab.connections.closed", connections, c -> c.closed(reason))
          .description("HTTP connections the server closed: request head too late, idle too long, or left idle at shutdown")
          .tag("reason", reason.name().toLowerCase(Locale.ROOT)).register(registry);
    }
  }
}
