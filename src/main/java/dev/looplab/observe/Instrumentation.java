package dev.looplab.observe;

import java.util.Locale;

/**
 * How much the lab measures about itself. {@code LAB} keeps the lab's own probes, attribution,
 * meters and Server-Timing but drops Vert.x's per-request HTTP server meters, which cost the most;
 * it exists so that the benchmark can tell the two costs apart.
 */
public enum Instrumentation {
  ON, LAB, OFF;

  /** on/off (also true/false, yes/no, 1/0) or lab, in any case. */
  public static Instrumentation parse(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "on", "true", "yes", "1" -> ON;
      case "lab" -> LAB;
      case "off", "false", "no", "0" -> OFF;
      default -> throw new IllegalArgumentException("'" + value + "' is not on, lab or off");
    };
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
