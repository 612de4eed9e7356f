package dev.looplab.options;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.ParseException;

/**
 * The values of a parsed command line, each the one given there or else its default, read as the
 * type the command needs. A value that cannot be read, or is out of range, is a usage error naming
 * its option, and where the value came from when not the command line:
 * {@code Invalid value for option '--port' (from env PORT): 70000 is not in 0..65535}.
 */
public final class OptionValues {
  private final CommandLine line;
  private final Map<String, String> defaults;
  private final Map<String, String> defaultOrigins;

  OptionValues(CommandLine line, Map<String, String> defaults, Map<String, String> defaultOrigins) {
    this.line = line;
    this.defaults = defaults;
    this.defaultOrigins = defaultOrigins;
  }

  /** A usage error about an option's value. */
  public static ParseException invalid(String longName, String why) {
    return new ParseException("Invalid value for option '--" + longName + "': " + why);
  }

  /** Whether the option was given on the command line. */
  public boolean flag(String longName) {
    return line.hasOption(longName);
  }

  /** The value, or its default; null when there is neither. */
  public String text(String longName) {
    return line.getOptionValue(longName, defaults.get(longName));
  }

  /** The value as a number in {@code min..max}; the option must have a default. */
  public int intIn(String longName, int min, int max) throws ParseException {
    return (int) checkRange(longName, required(longName, parsed(longName, OptionValues::anInt)), min, max);
  }

  /** The value as a number in {@code min..max}; the option must have a default. */
  public long longIn(String longName, long min, long max) throws ParseException {
    return checkRange(longName, longValue(longName), min, max);
  }

  /** The value as a number; the option must have a default. */
  public long longValue(String longName) throws ParseException {
    return required(longName, parsed(longName, OptionValues::aLong));
  }

  /** The value as a number, or null when the option has neither a value nor a default. */
  public Integer optionalInt(String longName) throws ParseException {
    return parsed(longName, OptionValues::anInt);
  }

  /** The value as a number of at least {@code min}, or null when the option has neither a value nor a default. */
  public Integer optionalIntAtLeast(String longName, int min) throws ParseException {
    Integer value = optionalInt(longName);
    if (value != null && value < min) {
      throw invalidValue(longName, value + " must be at least " + min);
    }
    return value;
  }

  /** The value read by {@code read}, whose IllegalArgumentException message says what is wrong; null stays null. */
  public <T> T parsed(String longName, Function<String, T> read) throws ParseException {
    String value = text(longName);
    if (value == null) {
      return null;
    }
    try {
      return read.apply(value);
    } catch (IllegalArgumentException e) {
      throw invalidValue(longName, e.getMessage());
    }
  }

  /** The words from the first one that is not an option to the end; a command that takes none refuses them. */
  public List<String> leftovers() {
    return line.getArgList();
  }

  private static <T> T required(String longName, T value) {
    if (value == null) {
      throw new IllegalStateException("--" + longName + " has neither a value nor a default");
    }
    return value;
  }

  private long checkRange(String longName, long value, long min, long max) throws ParseException {
    if (value < min || value > max) {
      throw invalidValue(longName, value + " is not in " + min + ".." + max);
    }
    return value;
  }

  /** Like {@link #invalid}, naming where the value came from when it was not the command line. */
  private ParseException invalidValue(String longName, String why) {
    String origin = line.hasOption(longName) ? null : defaultOrigins.get(longName);
    return origin == null ? invalid(longName, why)
        : new ParseException("Invalid value for option '--" + longName + "' (from " + origin + "): " + why);
  }

  private static Integer anInt(String value) {
    try {
      return Integer.valueOf(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + value + "' is not an int");
    }
  }

  private static Long aLong(String value) {
    try {
      return Long.valueOf(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + value + "' is not a long");
    }
  }
}
