package dev.looplab.cli;

import static dev.looplab.cli.AccessLogOptionTest.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.looplab.observe.Instrumentation;
import dev.looplab.server.ServerConfig;
import org.apache.commons.cli.ParseException;
import org.junit.jupiter.api.Test;

class InstrumentationOptionTest {

  @Test
  void onByDefaultAndVertxOrOffOnRequest() throws ParseException {
    assertEquals(Instrumentation.ON, parse().instrumentation());
    assertEquals(Instrumentation.OFF, parse("--instrumentation", "off").instrumentation());
    assertEquals(Instrumentation.VERTX, parse("--instrumentation=VERTX").instrumentation());
    assertEquals(Instrumentation.VERTX, parse("--instrumentation", "vertx").instrumentation());
    assertEquals(Instrumentation.ON, parse("--instrumentation", "true").instrumentation());
    assertEquals(2000, parse().startupGraceMs());
  }

  @Test
  void aWordThatIsNotASwitchIsAUsageError() {
    assertThrows(ParseException.class, () -> parse("--instrumentation", "maybe"));
    // the old name of what is now the default
    assertThrows(ParseException.class, () -> parse("--instrumentation", "lab"));
  }

  @Test
  void infoShowsTheSwitch() {
    assertEquals("on", ServerConfig.defaults().toJson().getString("instrumentation"));
    assertEquals("off", ServerConfig.defaults().withInstrumentation(Instrumentation.OFF).toJson().getString("instrumentation"));
    assertEquals("vertx", ServerConfig.defaults().withInstrumentation(Instrumentation.VERTX).toJson().getString("instrumentation"));
  }
}
