package dev.looplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looplab.lessons.decisions.DecisionsFlags;
import dev.looplab.options.OptionValues;
import dev.looplab.server.ServerConfig;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.ParseException;
import org.junit.jupiter.api.Test;

/**
 * Every server option is set by the environment variable its help names: each variable is given a
 * value other than the default, through an injected environment, and must reach the configuration
 * the server is started with (or the decisions lesson's settings, for its options).
 */
class ServerEnvironmentTest {
  private static final Pattern ENV_IN_HELP = Pattern.compile("\\(env ([A-Z][A-Z0-9_]*)[;)]");

  private static Collection<Option> serverOptions() {
    return ServerOptions.define(Map.<String, String>of()::get).options().getOptions();
  }

  private static String envNameInHelp(Option option) {
    Matcher m = ENV_IN_HELP.matcher(option.getDescription());
    assertTrue(m.find(), option.getLongOpt() + "'s help names no environment variable");
    return m.group(1);
  }

  /** A valid value that is not the option's default. */
  private static String otherValue(String longName, String defaultValue) {
    return switch (longName) {
      case "postgres-url" -> "postgresql://looplab@127.0.0.2:5433/lab";
      case "redis-url" -> "redis://127.0.0.2:6380";
      case "host" -> "127.0.0.1".equals(defaultValue) ? "0.0.0.0" : "127.0.0.1";
      case "instrumentation", "access-log" -> "on".equals(defaultValue) ? "off" : "on";
      default -> String.valueOf(Long.parseLong(defaultValue) + 1);
    };
  }

  private static OptionValues parsedWith(Map<String, String> environment, String... args) throws ParseException {
    return ServerOptions.define(environment::get).parse(args);
  }

  /** What the server and the decisions lesson are configured with, keyed as /info shows it: --task-ms is task_ms. */
  private static JsonObject configured(OptionValues values) throws ParseException {
    return ServerOptions.config(values).toJson().mergeIn(DecisionsFlags.settings(values).toJson());
  }

  @Test
  void everyOptionNamesItsOwnVariable() {
    Set<String> names = new HashSet<>();
    for (Option option : serverOptions()) {
      assertTrue(names.add(envNameInHelp(option)), "two options share " + envNameInHelp(option));
    }
    assertEquals(serverOptions().size(), names.size());
  }

  @Test
  void everyVariableIsHonoured() throws ParseException {
    OptionValues plain = parsedWith(Map.of());
    Map<String, String> environment = new HashMap<>();
    Map<String, String> expected = new HashMap<>();
    for (Option option : serverOptions()) {
      String value = otherValue(option.getLongOpt(), plain.text(option.getLongOpt()));
      environment.put(envNameInHelp(option), value);
      expected.put(option.getLongOpt(), value);
    }

    OptionValues fromEnv = parsedWith(environment);
    JsonObject config = configured(fromEnv);
    for (Map.Entry<String, String> want : expected.entrySet()) {
      String name = want.getKey();
      assertNotEquals(plain.text(name), fromEnv.text(name), "--" + name + " kept its default");
      Object inConfig = config.getValue(name.replace('-', '_'));
      assertTrue(want.getValue().equalsIgnoreCase(String.valueOf(inConfig)),
          "--" + name + "=" + want.getValue() + " did not reach the configuration " + config.encode());
    }
    assertFalse(environment.isEmpty());
  }

  @Test
  void theCommandLineBeatsTheVariable() throws ParseException {
    Map<String, String> environment = Map.of("LOOPLAB_TASK_MS", "300", "LOOPLAB_DB_POOL_SIZE", "7");
    assertEquals(300, ServerOptions.config(parsedWith(environment)).taskMs());
    assertEquals(400, ServerOptions.config(parsedWith(environment, "--task-ms", "400")).taskMs());
    assertEquals(9, DecisionsFlags.settings(parsedWith(environment, "--db-pool-size=9")).blockingPoolSize());
  }

  @Test
  void theHelpShowsTheDefaultInForce() {
    Option taskMs = ServerOptions.define(Map.of("LOOPLAB_TASK_MS", "300")::get).options().getOption("task-ms");
    assertTrue(taskMs.getDescription().contains("default 300)"), taskMs.getDescription());
  }

  @Test
  void aBlankVariableLeavesTheDefault() throws ParseException {
    assertEquals(ServerConfig.defaults().port(), ServerOptions.config(parsedWith(Map.of("PORT", "  "))).port());
  }

  @Test
  void aBadVariableIsAUsageErrorNamingItsOption() {
    ParseException refused = assertThrows(ParseException.class,
        () -> ServerOptions.config(parsedWith(Map.of("PORT", "http"))));
    assertEquals("Invalid value for option '--port' (from env PORT): 'http' is not an int", refused.getMessage());
  }

  @Test
  void aVariableOutOfRangeSaysItCameFromTheEnvironment() {
    ParseException refused = assertThrows(ParseException.class,
        () -> ServerOptions.config(parsedWith(Map.of("LOOPLAB_TASK_MS", "70000"))));
    assertEquals("Invalid value for option '--task-ms' (from env LOOPLAB_TASK_MS): 70000 is not in 0..60000",
        refused.getMessage());
  }

  @Test
  void aBadValueOnTheCommandLineIsNotBlamedOnTheVariable() {
    ParseException refused = assertThrows(ParseException.class,
        () -> ServerOptions.config(parsedWith(Map.of("LOOPLAB_TASK_MS", "300"), "--task-ms", "abc")));
    assertEquals("Invalid value for option '--task-ms': 'abc' is not an int", refused.getMessage());
  }
}
