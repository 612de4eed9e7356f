package dev.looplab.lessons.decisions;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.looplab.server.LessonContext;
import dev.looplab.server.RequestId;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/**
 * {@code client=worker}: the same blocking drivers, on a worker pool of as many threads as each
 * connection pool has connections. A task never waits for a connection, so a pool timeout means a
 * database that does not answer; requests beyond the pool size queue for a thread instead.
 */
final class WorkerStore implements DecisionStore {
  static final String ROUTE = "/decisions";
  private final DecisionsSettings settings;
  private final LessonContext context;
  private final WorkerExecutor executor;
  private final HikariDataSource postgres;
  private final JedisPool redis;

  WorkerStore(DecisionsSettings settings, LessonContext context) {
    this.settings = settings;
    this.context = context;
    int size = settings.blockingPoolSize();
    this.executor = context.vertx().createSharedWorkerExecutor("looplab-decisions-db", size);
    this.postgres = new HikariDataSource(hikari(settings));
    JedisPoolConfig pool = new JedisPoolConfig();
    pool.setMaxTotal(size);
    pool.setMaxIdle(size);
    pool.setMinIdle(0);
    pool.setMaxWait(Duration.ofMillis(settings.timeoutMs()));
    this.redis = new JedisPool(pool, settings.redis().host(), settings.redis().port(), settings.timeoutMs());
  }

  private static HikariConfig hikari(DecisionsSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("looplab-decisions-hikari");
    config.setJdbcUrl(settings.postgres().jdbcUrl());
    config.setDataSourceProperties(BlockingCalls.properties(settings.postgres(), settings.timeoutMs()));
    config.setMaximumPoolSize(settings.blockingPoolSize());
    config.setMinimumIdle(0);
    config.setConnectionTimeout(Math.max(250, settings.timeoutMs()));
    config.setInitializationFailTimeout(-1); // start even when PostgreSQL is down; requests then get 503
    return config;
  }

  @Override
  public Future<String> readCache(String key, int ioMs) {
    return onDatabaseThread(() -> {
      try (Jedis jedis = redis.getResource()) {
        return BlockingCalls.readCache(jedis, key, ioMs, settings.timeoutMs());
      }
    });
  }

  @Override
  public <T> Future<T> compute(Callable<T> work) {
    // unordered: the ordered default would run one verticle's requests one at a time
    return context.vertx().executeBlocking(context.onWorker(ROUTE, RequestId.current(), work), false);
  }

  @Override
  public Future<Void> writeCache(String key, String decisionJson) {
    return onDatabaseThread(() -> {
      try (Jedis jedis = redis.getResource()) {
        BlockingCalls.writeCache(jedis, key, decisionJson, settings.timeoutMs());
        return null;
      }
    });
  }

  @Override
  public Future<Void> insertRow(DecisionRow row, int waitMs) {
    return onDatabaseThread(() -> {
      try (Connection connection = postgres.getConnection()) {
        BlockingCalls.insertRow(connection, row, waitMs, settings.timeoutMs());
        return null;
      }
    });
  }

  private <T> Future<T> onDatabaseThread(Callable<T> call) {
    Callable<T> tracked = context.onWorker(ROUTE, RequestId.current(), call);
    return executor.<T>executeBlocking(tracked, false).recover(failure -> Future.failedFuture(new DatabaseDownException(failure)));
  }

  @Override
  public Future<Void> close() {
    return executor.close().eventually(() -> context.vertx().executeBlocking(() -> {
      redis.close();
      postgres.close();
      return null;
    }));
  }
}
