package dev.looplab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.help.TextHelpAppendable;
import org.apache.commons.cli.help.TextStyle;

/**
 * The help of a command, or of looplab itself: the usage line, what it does, every option with its
 * description (which names its default and environment variable), and the exit codes. Commons CLI
 * wraps the text at 80 columns; a description starts beside its option when that fits, else below.
 */
final class HelpText {
  private static final int WIDTH = 80;
  private static final int PAD = 2;
  private static final int OPTION_COLUMN = 28;
  private static final int COMMAND_COLUMN = 12;
  private static final int CODE_COLUMN = 6;

  private final PrintWriter out;

  private HelpText(PrintWriter out) {
    this.out = out;
  }

  static void ofCommand(LabCommand command, Options options, PrintWriter out) {
    HelpText help = new HelpText(out);
    help.intro("looplab " + command.name() + " [OPTIONS]", command.description());
    help.options(options);
    if (!command.exitCodes().isEmpty()) {
      help.heading("Exit codes:");
      for (String line : command.exitCodes()) {
        int colon = line.indexOf(':');
        help.row(line.substring(0, colon), line.substring(colon + 1), CODE_COLUMN);
      }
    }
    out.flush();
  }

  static void ofLooplab(String description, Options options, List<LabCommand> commands, PrintWriter out) {
    HelpText help = new HelpText(out);
    help.intro("looplab [-hV] [COMMAND]", description);
    help.options(options);
    help.heading("Commands:");
    commands.forEach(command -> help.row(command.name(), command.description(), COMMAND_COLUMN));
    out.flush();
  }

  private void intro(String usage, String description) {
    wrapped("Usage: " + usage, 0);
    wrapped(description, 0);
  }

  private void options(Options options) {
    heading("Options:");
    for (Option option : options.getOptions()) {
      String names = (option.getOpt() == null ? "    " : "-" + option.getOpt() + ", ") + "--" + option.getLongOpt()
          + (option.hasArg() ? "=" + option.getArgName() : "");
      row(names, option.getDescription(), OPTION_COLUMN);
    }
  }

  private void heading(String heading) {
    wrapped("", 0);
    wrapped(heading, 0);
  }

  /** {@code name} in a column of {@code width}, its text beside it; below it when the name is wider. */
  private void row(String name, String description, int width) {
    int column = PAD + width;
    // the text is wrapped as a column of its own (an indent for the lines after the first would
    // lose a space now and then in Commons CLI 1.11.0, CLI-354); the name then takes the first line's margin
    String text = render(description, column);
    if (name.length() < width) {
      out.print(" ".repeat(PAD) + name + text.substring(PAD + name.length()));
    } else {
      out.print(render(name, PAD) + text);
    }
  }

  private void wrapped(String line, int leftPad) {
    out.print(line.isEmpty() ? System.lineSeparator() : render(line, leftPad));
  }

  private static String render(String line, int leftPad) {
    StringBuilder text = new StringBuilder();
    try {
      new TextHelpAppendable(text).printWrapped(line, TextStyle.builder().setLeftPad(leftPad).setMaxWidth(WIDTH - leftPad).get());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringBuilder does not throw
    }
    return text.toString();
  }
}
