package dev.looplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looplab.server.ServerConfig;
import java.util.Map;
import org.apache.commons.cli.ParseException;
import org.junit.jupiter.api.Test;

class AccessLogOptionTest {

  static ServerConfig parse(String... args) throws ParseException {
    return ServerOptions.config(ServerOptions.define(Map.<String, String>of()::get).parse(args));
  }

  @Test
  void onByDefaultOffOnRequest() throws ParseException {
    assertTrue(parse().accessLog());
    assertFalse(parse("--access-log", "off").accessLog());
    assertTrue(parse("--access-log=true").accessLog());
  }

  @Test
  void aWordThatIsNotASwitchIsAUsageError() {
    ParseException refused = assertThrows(ParseException.class, () -> parse("--access-log", "loud"));
    assertEquals("Invalid value for option '--access-log': 'loud' is not on or off", refused.getMessage());
  }

  @Test
  void infoShowsTheSwitch() {
    assertEquals("on", ServerConfig.defaults().toJson().getString("access_log"));
    assertEquals("off", ServerConfig.defaults().withAccessLog(false).toJson().getString("access_log"));
  }
}
