package dev.looplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looplab.server.ServerConfig;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every server option, as picocli knows it, is set by the environment variable its help names:
 * each variable is given a value other than the default, through an injected environment, and
 * must reach both the option and the configuration the server is started with.
 */
class ServerEnvironmentTest {
  private static final Pattern ENV_IN_HELP = Pattern.compile("\\(env ([A-Z][A-Z0-9_]*)[;)]");

  private static List<OptionSpec> serverOptions() {
    return new CommandLine(new ServerCommand()).getCommandSpec().options().stream()
        .filter(o -> !o.usageHelp() && !o.versionHelp()).toList();
  }

  private static String envNameInHelp(OptionSpec option) {
    Matcher m = ENV_IN_HELP.matcher(String.join(" ", option.description()));
    assertTrue(m.find(), option.longestName() + "'s help names no environment variable");
    return m.group(1);
  }

  /** A valid value that is not the option's default. */
  private static String otherValue(OptionSpec option, String defaultValue) {
    Class<?> type = option.type();
    if (type.isEnum()) {
      return Arrays.stream(type.getEnumConstants()).map(c -> c.toString().toLowerCase())
          .filter(c -> !c.equalsIgnoreCase(defaultValue)).findFirst().orElseThrow();
    }
    if (option.longestName().equals("--postgres-url")) {
      return "postgresql://looplab@127.0.0.2:5433/lab";
    }
    if (option.longestName().equals("--redis-url")) {
      return "redis://127.0.0.2:6380";
    }
    if (type == String.class) {
      return "127.0.0.1".equals(defaultValue) ? "0.0.0.0" : "127.0.0.1";
    }
    return String.valueOf(Long.parseLong(defaultValue) + 1);
  }

  private static ServerCommand parsedWith(Map<String, String> environment) {
    ServerCommand command = new ServerCommand();
    CommandLine cli = new CommandLine(command).setDefaultValueProvider(new ServerDefaults(environment::get));
    cli.parseArgs();
    return command;
  }

  @Test
  void everyOptionNamesItsOwnVariable() {
    Set<String> names = new HashSet<>();
    for (OptionSpec option : serverOptions()) {
      assertTrue(names.add(envNameInHelp(option)), "two options share " + envNameInHelp(option));
    }
    assertEquals(serverOptions().size(), names.size());
  }

  @Test
  void everyVariableIsHonoured() {
    Map<String, String> defaults = new HashMap<>();
    ServerCommand plain = parsedWith(Map.of());
    for (OptionSpec option : new CommandLine(plain).getCommandSpec().options()) {
      defaults.put(option.longestName(), String.valueOf((Object) option.getValue()));
    }
    Map<String, String> environment = new HashMap<>();
    Map<String, String> expected = new HashMap<>();
    for (OptionSpec option : serverOptions()) {
      String value = otherValue(option, defaults.get(option.longestName()));
      environment.put(envNameInHelp(option), value);
      expected.put(option.longestName(), value);
    }

    ServerCommand fromEnv = parsedWith(environment);
    ServerConfig config = fromEnv.validated();
    for (OptionSpec option : new CommandLine(fromEnv).getCommandSpec().options()) {
      String want = expected.get(option.longestName());
      if (want == null) {
        continue;  // --help, --version
      }
      String got = String.valueOf((Object) option.getValue());
      assertTrue(want.equalsIgnoreCase(got), option.longestName() + ": env gave " + want + ", option holds " + got);
      assertNotEquals(defaults.get(option.longestName()), got, option.longestName() + " kept its default");
      // the configuration, as /info shows it, names each field as its option
      String key = option.longestName().substring(2).replace('-', '_');
      Object inConfig = config.toJson().getValue(key);
      if (inConfig == null) {
        inConfig = fromEnv.decisions.settings().toJson().getValue(key); // the decisions lesson's own options
      }
      assertTrue(want.equalsIgnoreCase(String.valueOf(inConfig)),
          option.longestName() + "=" + want + " did not reach the configuration " + config.toJson().encode());
    }
    assertFalse(environment.isEmpty());
  }

  @Test
  void aBlankVariableLeavesTheDefault() {
    ServerCommand command = parsedWith(Map.of("PORT", "  "));
    assertEquals(ServerConfig.defaults().port(), command.validated().port());
  }
}
