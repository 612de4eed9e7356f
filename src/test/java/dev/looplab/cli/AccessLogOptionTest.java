package dev.looplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.looplab.server.ServerConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AccessLogOptionTest {

  private static ServerCommand parse(String... args) {
    ServerCommand command = new ServerCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void onByDefaultOffOnRequest() {
    assertEquals(OnOff.ON, parse().accessLog);
    assertEquals(OnOff.OFF, parse("--access-log", "off").accessLog);
    assertEquals(OnOff.ON, parse("--access-log=true").accessLog);
  }

  @Test
  void aWordThatIsNotASwitchIsAUsageError() {
    assertThrows(CommandLine.ParameterException.class, () -> parse("--access-log", "loud"));
  }

  @Test
  void infoShowsTheSwitch() {
    assertEquals("on", ServerConfig.defaults().toJson().getString("access_log"));
    assertEquals("off", ServerConfig.defaults().withAccessLog(false).toJson().getString("access_log"));
  }
}
