package dev.looplab.options;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * One command's options (Apache Commons CLI) and the default of each: the value its command finds
 * outside the command line (for the server, an environment variable) when there is one, else the
 * option's own. A lesson adds its options here too, so that the command's help lists them.
 */
public final class CommandOptions {
  /** In a description, replaced by the default in force, e.g. the environment's. */
  public static final String DEFAULT = "${DEFAULT-VALUE}";

  private final Options options = new Options();
  private final Map<String, String> defaults = new HashMap<>();
  private final Map<String, String> defaultOrigins = new HashMap<>();
  private final Function<String, String> outside;
  private final Function<String, String> originOf;

  /** Options whose defaults are their own. */
  public CommandOptions() {
    this(longName -> null, longName -> null);
  }

  /**
   * Options whose defaults come first from {@code outside}: long name to value, null when it has none.
   * {@code originOf} names where such a value came from ({@code env LOOPLAB_TASK_MS}), for error messages;
   * null when that is not worth saying (a built-in default).
   */
  public CommandOptions(Function<String, String> outside, Function<String, String> originOf) {
    this.outside = outside;
    this.originOf = originOf;
  }

  /**
   * An option that takes a value, {@code -p, --port=<port>} or {@code --port <port>}.
   *
   * @param shortName one letter, or null for none
   * @param ownDefault used when neither the command line nor {@code outside} gives a value; may be null
   */
  public CommandOptions value(String shortName, String longName, String argName, String ownDefault, String description) {
    String fromOutside = outside.apply(longName);
    String inForce = fromOutside != null ? fromOutside : ownDefault;
    if (inForce != null) {
      defaults.put(longName, inForce);
    }
    if (fromOutside != null) {
      defaultOrigins.put(longName, originOf.apply(longName));
    }
    options.addOption(Option.builder(shortName).longOpt(longName).hasArg().argName(argName)
        .desc(description.replace(DEFAULT, String.valueOf(inForce))).get());
    return this;
  }

  /** An option without a value: present or not. */
  public CommandOptions flag(String shortName, String longName, String description) {
    options.addOption(Option.builder(shortName).longOpt(longName).desc(description).get());
    return this;
  }

  /** The options, in the order they were added; for the help. */
  public Options options() {
    return options;
  }

  /**
   * Reads a command's arguments. Long names must be written out in full, each option given at most
   * once, and parsing stops at the first word that is not an option: it and what follows are
   * {@link OptionValues#leftovers()}.
   */
  public OptionValues parse(String... args) throws ParseException {
    DefaultParser parser = DefaultParser.builder().setAllowPartialMatching(false).get();
    CommandLine line = parser.parse(options, args, true);
    for (Option given : line.getOptions()) {
      if (line.getOptionCount(given) > 1) {
        throw new ParseException("option '--" + given.getLongOpt() + "'" + (given.hasArg() ? " (" + given.getArgName() + ")" : "")
            + " should be specified only once");
      }
    }
    return new OptionValues(line, defaults, defaultOrigins);
  }
}
