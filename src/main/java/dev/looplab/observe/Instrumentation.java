package dev.looplab.observe;

import java.util.Locale;

/**
 * How much the lab measures about itself. {@code ON} is all of the lab's own: probes, attribution,
 * {@code looplab_*} meters (its per-route request timer included) and Server-Timing. {@code VERTX}
 * adds Vert.x's per-request HTTP server meters ({@code vertx_http_server_*}), which look their meters
 * up in the registry on every request and cost about 9 µs of CPU per request on one core, measured.
 * {@code OFF} measures nothing, to tell what the rest costs.
 */
public enum Instrumentation {
  ON, VERTX, OFF;

  /** on/off (also true/false, yes/no, 1/0) or vertx, in any case. */
  public static Instrumentation parse(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "on", "true", "yes", "1" -> ON;
      case "vertx" -> VERTX;
      case "off", "false", "no", "0" -> OFF;
      default -> throw new IllegalArgumentException("'" + value + "' is not on, vertx or off");
    };
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
