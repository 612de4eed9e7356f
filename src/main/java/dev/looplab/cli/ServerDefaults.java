package dev.looplab.cli;

import dev.looplab.server.ServerConfig;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Default of each server option: its environment variable when set, else {@link ServerConfig#defaults()}.
 * The names follow one rule: {@code --task-ms} is {@code LOOPLAB_TASK_MS}; only the port is
 * {@code PORT}, as Cloud Run sets it.
 */
public final class ServerDefaults implements IDefaultValueProvider {
  private static final JsonObject DEFAULTS = ServerConfig.defaults().toJson();

  private final Function<String, String> environment;

  /** Reads the process's environment (picocli makes this one). */
  public ServerDefaults() {
    this(System::getenv);
  }

  /** Reads the given environment: variable name to value, null when unset. */
  public ServerDefaults(Function<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
      return null;
    }
    String key = option.longestName().replaceFirst("^--", "").replace('-', '_');
    String fromEnv = environment.apply(envName(key));
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.trim();
    }
    Object fallback = DEFAULTS.getValue(key);
    return fallback == null ? null : fallback.toString();
  }

  private static String envName(String key) {
    return key.equals("port") ? "PORT" : "LOOPLAB_" + key.toUpperCase(Locale.ROOT);
  }
}
