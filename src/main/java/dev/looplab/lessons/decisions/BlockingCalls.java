package dev.looplab.lessons.decisions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Properties;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

/**
 * The blocking drivers' calls, the same for {@code client=loop} and {@code client=worker}: only the
 * thread that runs them differs. Each call's socket timeout is the wait asked for plus the timeout.
 */
final class BlockingCalls {
  private BlockingCalls() {}

  static String readCache(Jedis jedis, String key, int ioMs, int timeoutMs) {
    jedis.getConnection().setSoTimeout(ioMs + timeoutMs);
    if (ioMs > 0) {
      // sendCommand keeps the socket timeout; Jedis's own blpop() would wait without one
      jedis.sendCommand(Protocol.Command.BLPOP, NEVER_FILLED, seconds(ioMs));
    }
    return jedis.get(key);
  }

  static void writeCache(Jedis jedis, String key, String decisionJson, int timeoutMs) {
    jedis.getConnection().setSoTimeout(timeoutMs);
    jedis.set(key, decisionJson);
  }

  static void insertRow(Connection connection, DecisionRow row, int waitMs, int timeoutMs) throws SQLException {
    connection.setNetworkTimeout(Runnable::run, waitMs + timeoutMs);
    try (PreparedStatement insert = connection.prepareStatement(DecisionRow.INSERT_JDBC)) {
      insert.setString(1, row.requestId());
      insert.setString(2, row.client());
      insert.setString(3, row.features());
      insert.setString(4, row.decision());
      insert.setDouble(5, row.score());
      insert.setString(6, row.cache());
      insert.setDouble(7, waitMs / 1000.0);
      insert.executeUpdate();
    }
  }

  static Connection connect(DatabaseUrl postgres, int timeoutMs) throws SQLException {
    return DriverManager.getConnection(postgres.jdbcUrl(), properties(postgres, timeoutMs));
  }

  static Properties properties(DatabaseUrl postgres, int timeoutMs) {
    Properties properties = new Properties();
    properties.setProperty("user", postgres.user());
    properties.setProperty("password", postgres.password());
    String seconds = Integer.toString(Math.max(1, (timeoutMs + 999) / 1000));
    properties.setProperty("connectTimeout", seconds);
    properties.setProperty("loginTimeout", seconds);
    properties.setProperty("ApplicationName", "looplab-decisions");
    return properties;
  }

  static Jedis jedis(DatabaseUrl redis, int timeoutMs) {
    return new Jedis(redis.host(), redis.port(), timeoutMs, timeoutMs);
  }

  private static final String NEVER_FILLED = DecisionStore.NEVER_FILLED;

  /** Redis takes a blocking pop's timeout in seconds, with decimals since 6.0. */
  static String seconds(int ms) {
    return Double.toString(ms / 1000.0);
  }
}
