package dev.looplab.cli;

import dev.looplab.options.CommandOptions;
import dev.looplab.options.OptionValues;
import java.io.PrintWriter;
import java.util.List;
import org.apache.commons.cli.ParseException;

/**
 * One command of looplab ({@code server}, {@code experiment}, {@code suite}): its options, built only
 * when it is the command that runs, and what it does with their values. {@link CommandRunner} parses,
 * answers {@code --help} and {@code --version}, and reports usage errors.
 */
public interface LabCommand {
  String name();

  /** What the command does, one paragraph for its help and looplab's. */
  String description();

  /** The command's options, without --help and --version, which every command has. */
  CommandOptions options();

  /** The help's exit codes, each {@code "code:meaning"}; none by default. */
  default List<String> exitCodes() {
    return List.of();
  }

  /**
   * Runs the command and returns its exit code; a ParseException (a bad value) is a usage error, and
   * any other exception ends it with {@code looplab: <message>} and exit code 1.
   */
  int run(OptionValues values, PrintWriter out, PrintWriter err) throws ParseException, InterruptedException;
}
