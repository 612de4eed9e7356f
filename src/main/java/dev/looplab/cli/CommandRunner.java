package dev.looplab.cli;

import dev.looplab.options.CommandOptions;
import dev.looplab.options.OptionValues;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.ParseException;

/**
 * Runs one command on its arguments: parses them, answers {@code -h/--help} and {@code -V/--version},
 * and turns a bad option into one line on stderr and exit code 2, an error while running into
 * {@code looplab: <message>} and exit code 1. Never a stack trace.
 */
public final class CommandRunner {
  public static final String VERSION = "looplab 0.1.0";

  private CommandRunner() {}

  /**
   * @param args the words after the command's name
   * @param position where the first of them stands in the whole command line, for error messages
   */
  public static int run(LabCommand command, String[] args, int position, PrintWriter out, PrintWriter err) {
    try {
      CommandOptions options = withHelpAndVersion(command.options());
      OptionValues values = options.parse(args);
      if (values.flag("help")) {
        HelpText.ofCommand(command, options.options(), out);
        return ExitCodes.OK;
      }
      if (values.flag("version")) {
        out.println(VERSION);
        return ExitCodes.OK;
      }
      refuseLeftovers(values.leftovers(), position + args.length);
      return command.run(values, out, err);
    } catch (ParseException e) {
      return usageError(err, message(e), "looplab " + command.name());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("looplab: " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      err.println("looplab: " + e.getMessage());
      return 1;
    }
  }

  /** {@code looplab --help} or {@code looplab --version}: {@code flag} is the first word. */
  public static int runLooplab(String flag, String description, List<LabCommand> commands, PrintWriter out) {
    if (flag.equals("-h") || flag.equals("--help")) {
      HelpText.ofLooplab(description, withHelpAndVersion(new CommandOptions()).options(), commands, out);
    } else {
      out.println(VERSION);
    }
    return ExitCodes.OK;
  }

  /** Prints a usage error as one line and returns its exit code, 2. */
  public static int usageError(PrintWriter err, String message, String helpCommand) {
    err.println("looplab: " + message + " (see '" + helpCommand + " --help')");
    return ExitCodes.USAGE;
  }

  private static CommandOptions withHelpAndVersion(CommandOptions options) {
    return options.flag("h", "help", "Show this help message and exit.")
        .flag("V", "version", "Print version information and exit.");
  }

  /** No command takes words that are not options: name them, and the first one's index in the command line. */
  private static void refuseLeftovers(List<String> leftovers, int end) throws ParseException {
    if (leftovers.isEmpty()) {
      return;
    }
    String quoted = leftovers.stream().map(word -> "'" + word + "'").collect(Collectors.joining(", "));
    String first = leftovers.get(0);
    boolean many = leftovers.size() > 1;
    if (first.startsWith("-") && first.length() > 1) {
      throw new ParseException("Unknown option" + (many ? "s" : "") + ": " + quoted);
    }
    int index = end - leftovers.size();
    throw new ParseException(many ? "Unmatched arguments from index " + index + ": " + quoted
        : "Unmatched argument at index " + index + ": " + quoted);
  }

  private static String message(ParseException e) {
    if (e instanceof MissingArgumentException missing) {
      Option option = missing.getOption();
      return "Missing required parameter for option '--" + option.getLongOpt() + "' (" + option.getArgName() + ")";
    }
    return e.getMessage();
  }
}
