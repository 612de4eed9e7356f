package dev.looplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looplab.options.CommandOptions;
import dev.looplab.options.OptionValues;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.apache.commons.cli.ParseException;
import org.junit.jupiter.api.Test;

/** What every command gets from the runner: --help, --version, one-line usage errors, exit codes. */
class CommandRunnerTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** Prints --times (1..3) times its word; --fail throws while running, --refuse finds a bad value while running. */
  private static final class Echo implements LabCommand {
    @Override
    public String name() {
      return "echo";
    }

    @Override
    public String description() {
      return "Says a word.";
    }

    @Override
    public CommandOptions options() {
      return new CommandOptions().value("t", "times", "<n>", "1", "How often (default " + CommandOptions.DEFAULT + ").")
          .flag(null, "fail", "Fail while running.").flag(null, "refuse", "Refuse the value while running.");
    }

    @Override
    public List<String> exitCodes() {
      return List.of("0:said it", "7:never");
    }

    @Override
    public int run(OptionValues values, PrintWriter out, PrintWriter err) throws ParseException {
      int times = values.intIn("times", 1, 3);
      if (values.flag("fail")) {
        throw new IllegalStateException("the echo is gone");
      }
      if (values.flag("refuse")) {
        throw OptionValues.invalid("times", "not today");
      }
      out.println("word ".repeat(times).strip());
      return 0;
    }
  }

  private int run(String... args) {
    return CommandRunner.run(new Echo(), args, 1, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private String oneErrorLine() {
    String text = err.toString();
    assertEquals(1, text.lines().count(), text);
    assertTrue(text.startsWith("looplab: ") && text.strip().endsWith(" (see 'looplab echo --help')"), text);
    return text.strip();
  }

  @Test
  void runsWithTheValuesGiven() {
    assertEquals(0, run("--times=2"));
    assertEquals("word word", out.toString().strip());
    assertEquals("", err.toString());
  }

  @Test
  void helpListsUsageOptionsWithDefaultsAndExitCodes() {
    assertEquals(0, run("--times", "9", "--help"));
    String help = out.toString();
    for (String part : List.of("Usage: looplab echo [OPTIONS]", "Says a word.", "-t, --times=<n>", "(default 1)",
        "--fail", "-h, --help", "-V, --version", "Exit codes:", "  7     never")) {
      assertTrue(help.contains(part), part + " missing from\n" + help);
    }
  }

  @Test
  void versionOfACommandIsLooplabs() {
    assertEquals(0, run("-V"));
    assertEquals(CommandRunner.VERSION, out.toString().strip());
  }

  @Test
  void usageErrorsAreOneLineWithExitCodeTwo() {
    assertEquals(2, run("--times", "4"));
    assertEquals("looplab: Invalid value for option '--times': 4 is not in 1..3 (see 'looplab echo --help')", oneErrorLine());
  }

  @Test
  void aMissingValueNamesTheOption() {
    assertEquals(2, run("--times"));
    assertTrue(oneErrorLine().contains("Missing required parameter for option '--times' (<n>)"), err::toString);
  }

  @Test
  void unknownOptionsAndStrayWordsAreNamed() {
    assertEquals(2, run("--tim", "2"));
    assertTrue(oneErrorLine().contains("Unknown options: '--tim', '2'"), err::toString);
    err.getBuffer().setLength(0);
    assertEquals(2, run("--times", "2", "loud"));
    assertTrue(oneErrorLine().contains("Unmatched argument at index 3: 'loud'"), err::toString);
  }

  @Test
  void aBadValueFoundWhileRunningIsAUsageErrorToo() {
    assertEquals(2, run("--refuse"));
    assertTrue(oneErrorLine().contains("'--times': not today"), err::toString);
  }

  @Test
  void anErrorWhileRunningIsOneLineWithExitCodeOne() {
    assertEquals(1, run("--fail"));
    assertEquals("looplab: the echo is gone", err.toString().strip());
  }
}
