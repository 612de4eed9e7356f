package dev.looplab.lessons.decisions;

import io.vertx.core.json.JsonObject;

/**
 * The decisions lesson's configuration: where the databases are (null when not configured) and how
 * many connections each client style may hold.
 *
 * @param blockingPoolSize connections in HikariCP and the JedisPool used by {@code client=worker}
 * @param reactivePoolSize connections in the Vert.x PostgreSQL pool and Redis client ({@code client=reactive})
 * @param timeoutMs        how long any database call may take beyond the wait it was asked for
 */
public record DecisionsSettings(DatabaseUrl postgres, DatabaseUrl redis, int blockingPoolSize, int reactivePoolSize, int timeoutMs) {

  public static DecisionsSettings unconfigured() {
    return new DecisionsSettings(null, null, 4, 4, 2000);
  }

  public DecisionsSettings withDatabases(DatabaseUrl newPostgres, DatabaseUrl newRedis) {
    return new DecisionsSettings(newPostgres, newRedis, blockingPoolSize, reactivePoolSize, timeoutMs);
  }

  public DecisionsSettings withPoolSizes(int blocking, int reactive) {
    return new DecisionsSettings(postgres, redis, blocking, reactive, timeoutMs);
  }

  public DecisionsSettings withTimeoutMs(int newTimeoutMs) {
    return new DecisionsSettings(postgres, redis, blockingPoolSize, reactivePoolSize, newTimeoutMs);
  }

  public boolean configured() {
    return postgres != null && redis != null;
  }

  /** As {@code /info} shows it: each field named as its option, the password left out. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("postgres_url", postgres == null ? null : postgres.toString())
        .put("redis_url", redis == null ? null : redis.toString())
        .put("db_pool_size", blockingPoolSize)
        .put("reactive_pool_size", reactivePoolSize)
        .put("db_timeout_ms", timeoutMs);
  }
}
