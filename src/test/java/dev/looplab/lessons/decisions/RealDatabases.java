package dev.looplab.lessons.decisions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Real PostgreSQL and Redis for the tests, never mocks: the servers named by LOOPLAB_POSTGRES_URL and
 * LOOPLAB_REDIS_URL when set, else a throwaway pair started once per JVM by scripts/with-databases.sh
 * (stopped when this JVM closes the script's stdin, even if it dies). Skips, saying why, only when
 * Debian's binaries are absent.
 */
public final class RealDatabases implements BeforeAllCallback {
  private static final Path INITDB = Path.of("/usr/lib/postgresql/15/bin/initdb");
  private static volatile DecisionsSettings settings;
  private static volatile String[] urls;
  private static String unavailable;

  @Override
  public void beforeAll(ExtensionContext context) {
    settings();
    Assumptions.assumeTrue(unavailable == null, () -> unavailable);
  }

  /** The databases' settings with short timeouts; starts the throwaway servers on first use. */
  static synchronized DecisionsSettings settings() {
    if (settings != null || unavailable != null) {
      return settings;
    }
    String postgres = System.getenv("LOOPLAB_POSTGRES_URL");
    String redis = System.getenv("LOOPLAB_REDIS_URL");
    if (postgres == null || redis == null) {
      String[] started = startThrowaway();
      if (started == null) {
        return null;
      }
      postgres = started[0];
      redis = started[1];
    }
    urls = new String[] {postgres, redis};
    settings = DecisionsSettings.unconfigured().withDatabases(DatabaseUrl.postgres(postgres), DatabaseUrl.redis(redis))
        .withTimeoutMs(1000);
    return settings;
  }

  private static String[] startThrowaway() {
    if (!Files.isExecutable(INITDB) || !onPath("redis-server")) {
      unavailable = "skipped: no real PostgreSQL and Redis (install Debian's 'postgresql' and 'redis-server', or set "
          + "LOOPLAB_POSTGRES_URL and LOOPLAB_REDIS_URL)";
      return null;
    }
    try {
      // the command prints the URLs, then waits for its stdin to close: when this JVM ends, the script cleans up
      Process process = new ProcessBuilder("scripts/with-databases.sh", "sh", "-c",
          "echo \"$LOOPLAB_POSTGRES_URL $LOOPLAB_REDIS_URL\"; cat >/dev/null")
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process)));
      String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
      if (line == null || !line.contains(" ")) {
        throw new IllegalStateException("scripts/with-databases.sh did not start the servers (exit " + process.waitFor() + ")");
      }
      return line.trim().split(" ");
    } catch (IOException e) {
      throw new IllegalStateException("cannot run scripts/with-databases.sh", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the databases", e);
    }
  }

  private static void stop(Process process) {
    try {
      process.getOutputStream().close();
      process.waitFor(20, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      process.destroy();
    }
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  /** The two URLs as given (password included), for a server started as a process: PostgreSQL, then Redis. */
  static String[] urls() {
    settings();
    return urls.clone();
  }

  /** Rows of table decisions whose request id starts with {@code prefix}, read with plain JDBC. */
  static long rowsFor(String prefix) throws SQLException {
    DatabaseUrl pg = settings().postgres();
    try (Connection connection = DriverManager.getConnection(pg.jdbcUrl(), BlockingCalls.properties(pg, 2000));
         PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM decisions WHERE request_id LIKE ?")) {
      count.setString(1, prefix + "%");
      try (ResultSet result = count.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }
}
