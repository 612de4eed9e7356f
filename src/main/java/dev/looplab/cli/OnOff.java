package dev.looplab.cli;

import java.util.Locale;

/** A switch given as on/off (also true/false, yes/no, 1/0), on the command line or in the environment. */
final class OnOff {
  private OnOff() {}

  static boolean parse(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "on", "true", "yes", "1" -> true;
      case "off", "false", "no", "0" -> false;
      default -> throw new IllegalArgumentException("'" + value + "' is not on or off");
    };
  }
}
