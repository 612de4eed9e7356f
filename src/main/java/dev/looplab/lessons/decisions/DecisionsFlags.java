package dev.looplab.lessons.decisions;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The decisions lesson's options, mixed into {@code looplab server} with one {@code @Mixin} line. Their
 * environment variables come from the command's default provider: {@code --postgres-url} is
 * {@code LOOPLAB_POSTGRES_URL}, and so on.
 */
public final class DecisionsFlags {
  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  @Option(names = "--postgres-url", paramLabel = "URL",
      description = "PostgreSQL for /decisions: " + DatabaseUrl.POSTGRES_FORM + " (env LOOPLAB_POSTGRES_URL; unset: /decisions answers 503).")
  String postgresUrl;

  @Option(names = "--redis-url", paramLabel = "URL",
      description = "Redis for /decisions: " + DatabaseUrl.REDIS_FORM + " (env LOOPLAB_REDIS_URL; unset: /decisions answers 503).")
  String redisUrl;

  @Option(names = "--db-pool-size", defaultValue = "4",
      description = "Connections in the HikariCP and Jedis pools of client=worker (env LOOPLAB_DB_POOL_SIZE; default ${DEFAULT-VALUE}).")
  int dbPoolSize;

  @Option(names = "--reactive-pool-size", defaultValue = "4",
      description = "Connections in the Vert.x PostgreSQL and Redis clients of client=reactive (env LOOPLAB_REACTIVE_POOL_SIZE; default ${DEFAULT-VALUE}).")
  int reactivePoolSize;

  @Option(names = "--db-timeout-ms", defaultValue = "2000",
      description = "How long a database call may take beyond the io_ms it was asked to wait (env LOOPLAB_DB_TIMEOUT_MS; default ${DEFAULT-VALUE}).")
  int dbTimeoutMs;

  /** The settings, or a picocli usage error (one line, exit 2) naming the bad option. */
  public DecisionsSettings settings() {
    requireRange("--db-pool-size", dbPoolSize, 1, 1000);
    requireRange("--reactive-pool-size", reactivePoolSize, 1, 1000);
    requireRange("--db-timeout-ms", dbTimeoutMs, 100, 600_000);
    DatabaseUrl postgres = url("--postgres-url", postgresUrl, true);
    DatabaseUrl redis = url("--redis-url", redisUrl, false);
    return DecisionsSettings.unconfigured().withDatabases(postgres, redis)
        .withPoolSizes(dbPoolSize, reactivePoolSize).withTimeoutMs(dbTimeoutMs);
  }

  private DatabaseUrl url(String option, String raw, boolean postgres) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return postgres ? DatabaseUrl.postgres(raw) : DatabaseUrl.redis(raw);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + e.getMessage());
    }
  }

  private void requireRange(String option, long value, long min, long max) {
    if (value < min || value > max) {
      throw new ParameterException(spec.commandLine(),
          "Invalid value for option '" + option + "': " + value + " is not in " + min + ".." + max);
    }
  }
}
