package dev.looplab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
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
