package dev.looplab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class InstrumentationOptionTest {

  private static ServerCommand parse(String... args) {
    ServerCommand command = new ServerCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void onByDefaultAndOffOnRequest() {
    assertTrue(parse().instrumentation);
    assertFalse(parse("--instrumentation", "off").instrumentation);
    assertTrue(parse("--instrumentation=on").instrumentation);
    assertEquals(2000, parse().startupGraceMs);
  }

  @Test
  void aWordThatIsNotASwitchIsAUsageError() {
    assertThrows(CommandLine.ParameterException.class, () -> parse("--instrumentation", "maybe"));
  }

  @Test
  void theEnvironmentVariablesFollowTheNamingRule() {
    assertEquals("LOOPLAB_INSTRUMENTATION", ServerDefaults.envName("instrumentation"));
    assertEquals("LOOPLAB_STARTUP_GRACE_MS", ServerDefaults.envName("startup_grace_ms"));
  }

  @Test
  void infoShowsTheSwitch() {
    assertEquals("off", ServerConfig.defaults().withInstrumentation(false).toJson().getString("instrumentation"));
  }
}
