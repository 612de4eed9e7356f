package dev.looplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.looplab.observe.Instrumentation;
import dev.looplab.server.ServerConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class InstrumentationOptionTest {

  private static ServerCommand parse(String... args) {
    ServerCommand command = new ServerCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void onByDefaultAndVertxOrOffOnRequest() {
    assertEquals(Instrumentation.ON, parse().instrumentation);
    assertEquals(Instrumentation.OFF, parse("--instrumentation", "off").instrumentation);
    assertEquals(Instrumentation.VERTX, parse("--instrumentation=VERTX").instrumentation);
    assertEquals(Instrumentation.VERTX, parse("--instrumentation", "vertx").instrumentation);
    assertEquals(Instrumentation.ON, parse("--instrumentation", "true").instrumentation);
    assertEquals(2000, parse().startupGraceMs);
  }

  @Test
  void aWordThatIsNotASwitchIsAUsageError() {
    assertThrows(CommandLine.ParameterException.class, () -> parse("--instrumentation", "maybe"));
    // the old name of what is now the default
    assertThrows(CommandLine.ParameterException.class, () -> parse("--instrumentation", "lab"));
  }

  @Test
  void infoShowsTheSwitch() {
    assertEquals("on", ServerConfig.defaults().toJson().getString("instrumentation"));
    assertEquals("off", ServerConfig.defaults().withInstrumentation(Instrumentation.OFF).toJson().getString("instrumentation"));
    assertEquals("vertx", ServerConfig.defaults().withInstrumentation(Instrumentation.VERTX).toJson().getString("instrumentation"));
  }
}
