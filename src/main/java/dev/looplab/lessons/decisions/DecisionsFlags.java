package dev.looplab.lessons.decisions;

import static dev.looplab.options.CommandOptions.DEFAULT;

import dev.looplab.options.CommandOptions;
import dev.looplab.options.OptionValues;
import org.apache.commons.cli.ParseException;

/**
 * The decisions lesson's options, which {@code looplab server} adds to its own and hands back once
 * parsed. Their environment variables come from the command's defaults: {@code --postgres-url} is
 * {@code LOOPLAB_POSTGRES_URL}, and so on.
 */
public final class DecisionsFlags {
  private DecisionsFlags() {}

  /** Adds the lesson's options to a command's. */
  public static void addTo(CommandOptions options) {
    options.value(null, "postgres-url", "<url>", null, "PostgreSQL for /decisions: " + DatabaseUrl.POSTGRES_FORM
            + " (env LOOPLAB_POSTGRES_URL; unset: /decisions answers 503).")
        .value(null, "redis-url", "<url>", null, "Redis for /decisions: " + DatabaseUrl.REDIS_FORM
            + " (env LOOPLAB_REDIS_URL; unset: /decisions answers 503).")
        .value(null, "db-pool-size", "<n>", "4", "Connections in the HikariCP and Jedis pools of client=worker "
            + "(env LOOPLAB_DB_POOL_SIZE; default " + DEFAULT + ").")
        .value(null, "reactive-pool-size", "<n>", "4", "Connections in the Vert.x PostgreSQL and Redis clients of "
            + "client=reactive (env LOOPLAB_REACTIVE_POOL_SIZE; default " + DEFAULT + ").")
        .value(null, "db-timeout-ms", "<ms>", "2000", "How long a database call may take beyond the io_ms it was asked "
            + "to wait (env LOOPLAB_DB_TIMEOUT_MS; default " + DEFAULT + ").");
  }

  /** The settings the options give, or a usage error (one line, exit 2) naming the bad option. */
  public static DecisionsSettings settings(OptionValues values) throws ParseException {
    int dbPoolSize = values.intIn("db-pool-size", 1, 1000);
    int reactivePoolSize = values.intIn("reactive-pool-size", 1, 1000);
    int dbTimeoutMs = values.intIn("db-timeout-ms", 100, 600_000);
    DatabaseUrl postgres = values.parsed("postgres-url", raw -> raw.isBlank() ? null : DatabaseUrl.postgres(raw));
    DatabaseUrl redis = values.parsed("redis-url", raw -> raw.isBlank() ? null : DatabaseUrl.redis(raw));
    return DecisionsSettings.unconfigured().withDatabases(postgres, redis)
        .withPoolSizes(dbPoolSize, reactivePoolSize).withTimeoutMs(dbTimeoutMs);
  }
}
