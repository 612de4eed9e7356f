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
    String key = longName.replace('-', '_');
    String fromEnv = environment.apply(envName(key));
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.trim();
    }
    Object fallback = DEFAULTS.getValue(key);
    return fallback == null ? null : fallback.toString();
  }

  /** Where a default from {@link #defaultValue} came from, for error messages: {@code env LOOPLAB_TASK_MS}. */
  static String origin(String longName) {
    return "env " + envName(longName.replace('-', '_'));
  }

  private static String envName(String key) {
    return key.equals("port") ? "PORT" : "LOOPLAB_" + key.toUpperCase(Locale.ROOT);
  }
}
