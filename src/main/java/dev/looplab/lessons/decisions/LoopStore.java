package dev.looplab.lessons.decisions;

import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.Jedis;

/**
 * {@code client=loop}: JDBC and Jedis called right on the event loop, one connection of each per
 * loop. This is the lecture's mistake, on purpose: while a call waits for its database, nothing else
 * on that loop runs. The futures it returns are already complete.
 */
final class LoopStore implements DecisionStore {
  private final DecisionsSettings settings;
  private final Map<Thread, Connection> postgres = new ConcurrentHashMap<>();
  private final Map<Thread, Jedis> redis = new ConcurrentHashMap<>();

  LoopStore(DecisionsSettings settings) {
    this.settings = settings;
  }

  @Override
  public Future<String> readCache(String key, int ioMs) {
    return blocking(() -> BlockingCalls.readCache(jedis(), key, ioMs, settings.timeoutMs()), true);
  }

  @Override
  public <T> Future<T> compute(Callable<T> work) {
    return blocking(work, false);
  }

  @Override
  public Future<Void> writeCache(String key, String decisionJson) {
    return blocking(() -> {
      BlockingCalls.writeCache(jedis(), key, decisionJson, settings.timeoutMs());
      return null;
    }, true);
  }

  @Override
  public Future<Void> insertRow(DecisionRow row, int waitMs) {
    return blocking(() -> {
      BlockingCalls.insertRow(connection(), row, waitMs, settings.timeoutMs());
      return null;
    }, true);
  }

  /** Runs the call here and now; a database call that failed drops this loop's connections, to reconnect next time. */
  private <T> Future<T> blocking(Callable<T> call, boolean database) {
    try {
      return Future.succeededFuture(call.call());
    } catch (Exception e) {
      if (database) {
        forgetConnections();
        return Future.failedFuture(new DatabaseDownException(e));
      }
      return Future.failedFuture(e);
    }
  }

  private Jedis jedis() {
    return redis.computeIfAbsent(Thread.currentThread(), thread -> BlockingCalls.jedis(settings.redis(), settings.timeoutMs()));
  }

  private Connection connection() throws SQLException {
    Connection connection = postgres.get(Thread.currentThread());
    if (connection == null) {
      connection = BlockingCalls.connect(settings.postgres(), settings.timeoutMs());
      connection.setAutoCommit(true);
      postgres.put(Thread.currentThread(), connection);
    }
    return connection;
  }

  private void forgetConnections() {
    Jedis jedis = redis.remove(Thread.currentThread());
    if (jedis != null) {
      jedis.close();
    }
    Connection connection = postgres.remove(Thread.currentThread());
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // already broken: that is why it is dropped
      }
    }
  }

  @Override
  public Future<Void> close() {
    redis.values().forEach(Jedis::close);
    postgres.values().forEach(connection -> {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
    });
    return Future.succeededFuture();
  }
}
