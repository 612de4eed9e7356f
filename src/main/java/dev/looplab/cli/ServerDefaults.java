package dev.looplab.cli;

import dev.looplab.server.ServerConfig;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.function.Function;

/**
 * Default of each server option: its environment variable when set, else {@link ServerConfig#defaults()}.
 * The names follow one rule: {@code --task-ms} is {@code LOOPLAB_TASK_MS}; only the port is
 * {@code PORT}, as Cloud Run sets it. A blank variable counts as unset.
 */
final class ServerDefaults {
  private static final JsonObject DEFAULTS = ServerConfig.defaults().toJson();

  private final Function<String, String> environment;

  /** Reads the given environment: variable name to value, null when unset. */
  ServerDefaults(Function<String, String> environment) {
    this.environment = environment;
  }

  /** The default of the option with this long name ({@code task-ms}); null when it has none here. */
  String defaultValue(String longName) {
    String fromEnv = fromEnvironment(longName);
    if (fromEnv != null) {
      return fromEnv;
    }
    Object fallback = DEFAULTS.getValue(longName.replace('-', '_'));
    return fallback == null ? null : fallback.toString();
  }

  /**
   * Where {@link #defaultValue} came from, for error messages: {@code env LOOPLAB_TASK_MS} when the
   * variable is set; null when the value is the lab's own default.
   */
  String origin(String longName) {
    return fromEnvironment(longName) == null ? null : "env " + envName(longName);
  }

  private String fromEnvironment(String longName) {
    String value = environment.apply(envName(longName));
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static String envName(String longName) {
    return longName.equals("port") ? "PORT" : "LOOPLAB_" + longName.replace('-', '_').toUpperCase(Locale.ROOT);
  }
}
