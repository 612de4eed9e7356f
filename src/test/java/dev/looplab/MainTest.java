package dev.looplab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void optionsWithoutACommandMeanTheServer() {
    assertEquals(0, run("--port", "1", "--help"));
    assertTrue(out.toString().contains("looplab server"), out::toString);
  }

  @Test
  void topLevelHelpNamesTheCommands() {
    assertEquals(0, run("--help"));
    assertTrue(out.toString().contains("server"));
  }

  @Test
  void topLevelHelpListsEveryCommandWithWhatItDoes() {
    assertEquals(0, run("-h"));
    for (String part : List.of("Usage: looplab", "server", "Runs the lab server", "experiment", "Calls a route", "suite",
        "Runs the lesson's experiments", "--version")) {
      assertTrue(out.toString().contains(part), part + " missing from\n" + out);
    }
  }

  @Test
  void topLevelHelpSaysThatNoCommandMeansTheServer() {
    // else "looplab --bogus", refused with "see 'looplab server --help'", reads as a wrong pointer
    assertEquals(0, run("--help"));
    assertTrue(out.toString().replaceAll("\\s+", " ").contains("With no command, or only server options, looplab runs the server."),
        out::toString);
  }

  @ParameterizedTest
  @CsvSource({"--version,", "-V,", "server,--version", "experiment,-V", "suite,--version"})
  void versionAtTopLevelAndPerCommand(String first, String second) {
    assertEquals(0, second == null ? run(first) : run(first, second));
    assertEquals("looplab 0.1.0", out.toString().strip());
  }

  @Test
  void serverHelpNamesEveryOptionWithItsVariableAndDefault() {
    assertEquals(0, run("server", "--help"));
    String help = out.toString().replaceAll("\\s+", " ");  // as one line, wherever the text wraps
    for (String part : List.of("-p, --port=", "(env PORT; default ", "-t, --task-ms=", "(env LOOPLAB_TASK_MS; default ",
        "--idle-timeout-ms=", "LOOPLAB_IDLE_TIMEOUT_MS", "--postgres-url=", "LOOPLAB_POSTGRES_URL", "--db-pool-size=",
        "(env LOOPLAB_DB_POOL_SIZE; default ", "-h, --help", "-V, --version")) {
      assertTrue(help.contains(part), part + " missing from\n" + out);
    }
    assertTrue(out.toString().lines().allMatch(line -> line.length() <= 80), out::toString);
  }

  @ParameterizedTest
  @CsvSource({"experiment", "suite"})
  void clientHelpListsTheExitCodes(String command) {
    assertEquals(0, run(command, "--help"));
    String help = out.toString();
    String codes = help.substring(help.indexOf("Exit codes:"));
    for (String code : List.of("0", "1", "2", "3", "4", "5", "130")) {
      assertTrue(codes.contains("\n  " + code + " "), code + " missing from\n" + codes);
    }
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    assertEquals(2, run("serve", "--port", "1"));
    assertEquals("looplab: Unmatched argument at index 0: 'serve' (see 'looplab --help')", err.toString().strip());
    assertEquals("", out.toString());
  }

  @ParameterizedTest
  @CsvSource({"--port=abc,'--port': 'abc' is not an int", "--task-ms=60001,'--task-ms': 60001 is not in 0..60000",
      "-p=70000,'--port': 70000 is not in 0..65535", "--port,Missing required parameter for option '--port'"})
  void bothSpellingsOfAValueAreChecked(String arg, String message) {
    assertEquals(2, run("server", arg));
    String line = err.toString().strip();
    assertEquals(1, line.lines().count(), line);
    assertTrue(line.startsWith("looplab: ") && line.contains(message) && line.endsWith("(see 'looplab server --help')"), line);
    assertFalse(line.contains("Exception"), line);
  }

  @Test
  void anOptionGivenTwiceIsAUsageError() {
    // values that cannot be read: were the repetition let through, this still ends, with another message
    assertEquals(2, run("--port", "x", "-p", "y"));
    assertEquals("looplab: option '--port' (<port>) should be specified only once (see 'looplab server --help')",
        err.toString().strip());
  }

  @Test
  void aWordOutsideAChoiceIsAUsageError() {
    assertEquals(2, run("experiment", "--mode=parallel"));
    assertEquals("looplab: Invalid value for option '--mode': expected one of [sync, async, both] (case-sensitive) but was "
        + "'parallel' (see 'looplab experiment --help')", err.toString().strip());
  }

  @ParameterizedTest
  @CsvSource({"--port,abc", "--port,70000", "--task-ms,60001", "--instances,0", "--worker-pool-size,-3", "--no-such,1"})
  void aBadOptionIsOneLineAndExitCodeTwo(String option, String value) {
    assertEquals(2, run("server", option, value));
    String message = err.toString().strip();
    assertEquals(1, message.lines().count(), message);
    assertTrue(message.startsWith("looplab: "), message);
    assertTrue(message.contains(option), message);
  }
}
